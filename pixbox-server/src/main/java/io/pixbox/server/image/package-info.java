/** Images: taking uploads in, their records and variants, and deleting them with everything that is only theirs. */
package io.pixbox.server.image;
