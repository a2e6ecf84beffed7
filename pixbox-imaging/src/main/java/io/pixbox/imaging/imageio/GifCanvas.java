package io.pixbox.imaging.imageio;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Places a GIF's first frame on its logical screen, as browsers and libvips show it: ImageIO
 * returns only the frame's own rectangle, which may be smaller and offset.
 */
final class GifCanvas {

    private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";
    private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

    private GifCanvas() {
    }

    static BufferedImage place(ImageReader reader, BufferedImage frame) throws IOException {
        IIOMetadata stream = reader.getStreamMetadata();
        IIOMetadata image = reader.getImageMetadata(0);
        if (stream == null || image == null) {
            return frame;
        }
        Element screen = child(stream.getAsTree(STREAM_FORMAT), "LogicalScreenDescriptor");
        Element descriptor = child(image.getAsTree(IMAGE_FORMAT), "ImageDescriptor");
        if (screen == null || descriptor == null) {
            return frame;
        }
        int left = Integer.parseInt(descriptor.getAttribute("imageLeftPosition"));
        int top = Integer.parseInt(descriptor.getAttribute("imageTopPosition"));
        // A frame reaching past a (broken) screen widens it rather than being cut.
        int width = Math.max(Integer.parseInt(screen.getAttribute("logicalScreenWidth")), left + frame.getWidth());
        int height = Math.max(Integer.parseInt(screen.getAttribute("logicalScreenHeight")), top + frame.getHeight());
        if (left == 0 && top == 0 && width == frame.getWidth() && height == frame.getHeight()) {
            return frame;
        }
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas.createGraphics();
        g.setComposite(AlphaComposite.Src);
        g.drawImage(frame, left, top, null);
        g.dispose();
        return canvas;
    }

    private static Element child(Node root, String name) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return (Element) n;
            }
        }
        return null;
    }
}
