package io.pixbox.imaging.imageio;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/** Turns whatever a reader produced (CMYK, ICC-tagged, 16-bit, grey, palette) into an sRGB {@link Bitmap}. */
final class Srgb {

    private Srgb() {
    }

    static Bitmap toBitmap(BufferedImage image) {
        ColorModel model = image.getColorModel();
        boolean alpha = model.hasAlpha();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1) {
            return fromGrey(image.getRaster(), model, alpha);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = switch (image.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR -> fromBgr(image.getRaster());
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> fromInt(image.getRaster(), alpha);
            default -> fromInt(convert(image, alpha).getRaster(), alpha);
        };
        return new Bitmap(w, h, argb, alpha, false);
    }

    /** Grey samples are taken as sRGB-encoded, as libvips does: Java 2D would treat them as linear light. */
    private static Bitmap fromGrey(Raster raster, ColorModel model, boolean alpha) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        float greyScale = 255f / ((1 << model.getComponentSize(0)) - 1);
        float alphaScale = alpha ? 255f / ((1 << model.getComponentSize(1)) - 1) : 0;
        int[] grey = new int[w];
        int[] opacity = new int[w];
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, grey);
            if (alpha) {
                raster.getSamples(0, y, w, 1, 1, opacity);
            }
            for (int x = 0; x < w; x++) {
                int v = Math.round(grey[x] * greyScale);
                int a = alpha ? Math.round(opacity[x] * alphaScale) : 255;
                argb[y * w + x] = a << 24 | v << 16 | v << 8 | v;
            }
        }
        return new Bitmap(w, h, argb, alpha, true);
    }

    private static int[] fromBgr(Raster raster) {
        byte[] bgr = ((DataBufferByte) raster.getDataBuffer()).getData();
        int[] argb = new int[raster.getWidth() * raster.getHeight()];
        for (int i = 0, p = 0; i < argb.length; i++, p += 3) {
            argb[i] = 0xFF000000 | (bgr[p + 2] & 0xFF) << 16 | (bgr[p + 1] & 0xFF) << 8 | bgr[p] & 0xFF;
        }
        return argb;
    }

    private static int[] fromInt(Raster raster, boolean alpha) {
        int[] argb = ((DataBufferInt) raster.getDataBuffer()).getData().clone();
        if (!alpha) {
            for (int i = 0; i < argb.length; i++) {
                argb[i] |= 0xFF000000;
            }
        }
        return argb;
    }

    /** Converts to packed sRGB through the image's colour space: ICC profiles, CMYK, 16-bit, palettes. */
    private static BufferedImage convert(BufferedImage image, boolean alpha) {
        BufferedImage target = new BufferedImage(image.getWidth(), image.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        if (image.getColorModel().getColorSpace().isCS_sRGB()) {
            Graphics2D g = target.createGraphics();
            g.setComposite(AlphaComposite.Src);
            g.drawImage(image, 0, 0, null);
            g.dispose();
        } else {
            new ColorConvertOp(null).filter(image, target);
        }
        return target;
    }
}
