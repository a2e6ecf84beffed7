package io.pixbox.imaging.format;

import java.io.IOException;

/**
 * Reads a GIF's logical screen and walks its blocks to the trailer, counting frames; the size reported is
 * the canvas a decoder allocates: the logical screen, grown to hold every frame.
 */
final class GifHeaderReader {

    private static final int IMAGE = 0x2C;
    private static final int EXTENSION = 0x21;
    private static final int TRAILER = 0x3B;
    private static final int HAS_COLOR_TABLE = 0x80;

    private GifHeaderReader() {
    }

    static void read(HeaderInput in, CheckedHeader header) throws IOException {
        in.skip(6);
        long width = in.u16le();
        long height = in.u16le();
        int flags = in.u8();
        in.skip(2);
        skipColorTable(in, flags);
        int frames = 0;
        while (true) {
            if (in.remaining() == 0 && frames > 0) {
                return; // Many encoders leave out the trailer; decoders accept that after a whole frame.
            }
            int block = in.u8();
            switch (block) {
                case IMAGE -> {
                    int left = in.u16le();
                    int top = in.u16le();
                    width = Math.max(width, left + in.u16le());
                    height = Math.max(height, top + in.u16le());
                    header.size(width, height);
                    header.frameCounted(++frames);
                    skipColorTable(in, in.u8());
                    in.u8(); // LZW minimum code size
                    skipSubBlocks(in);
                }
                case EXTENSION -> {
                    in.u8();
                    skipSubBlocks(in);
                }
                case TRAILER -> {
                    if (frames == 0) {
                        throw in.corrupt("no image before the trailer");
                    }
                    return;
                }
                default -> throw in.corrupt("unexpected block 0x" + Integer.toHexString(block));
            }
        }
    }

    private static void skipColorTable(HeaderInput in, int flags) throws IOException {
        if ((flags & HAS_COLOR_TABLE) != 0) {
            in.skip(3L << ((flags & 0x07) + 1));
        }
    }

    private static void skipSubBlocks(HeaderInput in) throws IOException {
        int length;
        while ((length = in.u8()) != 0) {
            in.skip(length);
        }
    }
}
