package io.pixbox.imaging.imageio;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * A picture as packed, non-premultiplied sRGB pixels ({@code 0xAARRGGBB}, row by row); steps build
 * new bitmaps and never change the pixels of one they were given.
 *
 * @param alpha whether any pixel may be translucent; when false every alpha byte is {@code 0xFF}
 * @param grey  whether every pixel has equal red, green and blue, so it can be written as grey
 */
record Bitmap(int width, int height, int[] argb, boolean alpha, boolean grey) {

    Bitmap {
        if (width < 1 || height < 1 || argb.length != width * height) {
            throw new IllegalArgumentException(width + "x" + height + " does not match " + argb.length + " pixels");
        }
    }

    /** A bitmap of new pixels with the same alpha and grey flags as this one. */
    Bitmap with(int newWidth, int newHeight, int[] pixels) {
        return new Bitmap(newWidth, newHeight, pixels, alpha, grey);
    }

    /** Wraps the pixels, without copying, as an image Java 2D and the ImageIO writers understand. */
    BufferedImage toBufferedImage() {
        DirectColorModel model = alpha
                ? (DirectColorModel) ColorModel.getRGBdefault()
                : new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(argb, argb.length),
                width, height, width, model.getMasks(), null);
        return new BufferedImage(model, raster, false, null);
    }
}
