/** Telling an input's real format from its bytes and checking its header against the limits, before any decode. */
package io.pixbox.imaging.format;
