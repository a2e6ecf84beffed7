/**
 * The client commands ({@code login}, {@code upload}, {@code edit}, {@code jobs}, {@code status}, {@code download},
 * {@code find}, {@code delete}), written once against {@link io.pixbox.cli.client.PixboxApi}, which talks gRPC
 * ({@link io.pixbox.cli.client.GrpcApi}) or REST ({@link io.pixbox.cli.client.RestApi}).
 */
package io.pixbox.cli.client;
