/** The front page: what this Pixbox is and what it runs with. */
package io.pixbox.server.home;
