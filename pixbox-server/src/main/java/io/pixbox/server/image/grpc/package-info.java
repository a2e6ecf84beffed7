/** The gRPC adapter of images: pixbox.v1.ImageService, on the same services as the REST controller. */
package io.pixbox.server.image.grpc;
