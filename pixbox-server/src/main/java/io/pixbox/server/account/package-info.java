/** Accounts: registration, sign-in with passwords and external providers, tokens, and who may change what. */
package io.pixbox.server.account;
