/**
 * Keeps the bytes of originals and variants: the {@link io.pixbox.server.storage.ObjectStore} port, its file
 * system and S3 adapters, and their wiring from {@code pixbox.storage}.
 */
package io.pixbox.server.storage;
