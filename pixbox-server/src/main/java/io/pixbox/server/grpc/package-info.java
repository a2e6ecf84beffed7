/** What every gRPC service of Pixbox shares: failures as statuses with a stable reason, the caller, ids. */
package io.pixbox.server.grpc;
