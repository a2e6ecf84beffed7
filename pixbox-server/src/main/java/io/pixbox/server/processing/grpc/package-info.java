/** The gRPC adapter of processing: pixbox.v1.JobService, on the same services as the REST controller. */
package io.pixbox.server.processing.grpc;
