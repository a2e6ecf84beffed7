/** The gRPC adapter of accounts: pixbox.v1.AuthService. */
package io.pixbox.server.account.grpc;
