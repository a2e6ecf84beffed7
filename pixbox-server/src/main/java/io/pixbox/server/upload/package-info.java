/** Direct uploads: clients put an original straight into the store with a signed request, then Pixbox takes it in. */
package io.pixbox.server.upload;
