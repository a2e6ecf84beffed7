/** The pure-Java image engine: ImageIO and TwelveMonkeys to decode and encode, plain Java for the pixel operations. */
package io.pixbox.imaging.imageio;
