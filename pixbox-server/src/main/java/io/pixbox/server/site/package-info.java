/**
 * What the web pages share: the layout's model (who is signed in, the version, the engine), their security headers,
 * and the error page. Each feature's pages live in its own {@code web} package.
 */
package io.pixbox.server.site;
