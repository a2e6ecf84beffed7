/** Wires the pixbox-imaging module into the service: the engine, the presets and the limits from {@code pixbox.imaging}. */
package io.pixbox.server.imaging;
