/** The REST API of accounts: {@code /api/v1/auth} (register, sign in, refresh, sign out) and {@code /api/v1/tokens}. */
package io.pixbox.server.account.web;
