/** The Pixbox service: the application class, server-wide settings and one sub-package per feature. */
package io.pixbox.server;
