package io.pixbox.imaging.format;

import java.io.IOException;

/**
 * Reads a WebP's size from its first chunk (VP8, VP8L or VP8X) and, for the extended format, walks the
 * remaining chunks to count animation frames and read the EXIF orientation.
 */
final class WebpHeaderReader {

    private static final int ANIMATED = 0x02;
    private static final int KEY_FRAME_BIT = 0x01;
    private static final int LOSSLESS_SIGNATURE = 0x2F;
    private static final int FOURTEEN_BITS = 0x3FFF;

    private WebpHeaderReader() {
    }

    static void read(HeaderInput in, CheckedHeader header) throws IOException {
        in.skip(4);
        long riffEnd = 8 + in.u32le();
        if (riffEnd > in.size()) {
            throw in.corrupt("the RIFF header says " + riffEnd + " bytes, but there are " + in.size());
        }
        in.skip(4);
        Chunk first = Chunk.next(in, riffEnd);
        switch (first.type()) {
            case "VP8 " -> readLossy(in, first, header);
            case "VP8L" -> readLossless(in, first, header);
            case "VP8X" -> readExtended(in, first, riffEnd, header);
            default -> throw in.corrupt("the first chunk is " + first.type() + ", not VP8, VP8L or VP8X");
        }
    }

    private static void readLossy(HeaderInput in, Chunk chunk, CheckedHeader header) throws IOException {
        chunk.require(in, 10);
        if ((in.u8() & KEY_FRAME_BIT) != 0) {
            throw in.corrupt("the VP8 image does not start with a key frame");
        }
        in.skip(2);
        if (in.u8() != 0x9D || in.u8() != 0x01 || in.u8() != 0x2A) {
            throw in.corrupt("VP8 start code missing");
        }
        header.size(in.u16le() & FOURTEEN_BITS, in.u16le() & FOURTEEN_BITS);
    }

    private static void readLossless(HeaderInput in, Chunk chunk, CheckedHeader header) throws IOException {
        chunk.require(in, 5);
        if (in.u8() != LOSSLESS_SIGNATURE) {
            throw in.corrupt("VP8L signature missing");
        }
        long bits = in.u32le();
        if (bits >>> 29 != 0) {
            throw in.corrupt("VP8L version " + (bits >>> 29) + " is unknown");
        }
        header.size((bits & FOURTEEN_BITS) + 1, (bits >>> 14 & FOURTEEN_BITS) + 1);
    }

    private static void readExtended(HeaderInput in, Chunk vp8x, long riffEnd, CheckedHeader header)
            throws IOException {
        vp8x.require(in, 10);
        boolean animated = (in.u8() & ANIMATED) != 0;
        in.skip(3);
        header.size(in.u24le() + 1L, in.u24le() + 1L);
        in.skipTo(vp8x.paddedEnd());
        int frames = 0;
        while (riffEnd - in.position() >= Chunk.HEADER_LENGTH) {
            Chunk chunk = Chunk.next(in, riffEnd);
            if (chunk.type().equals("ANMF") && animated) {
                header.frameCounted(++frames);
            } else if (chunk.type().equals("EXIF")) {
                header.orientation(readExifOrientation(in, chunk));
            }
            in.skipTo(chunk.paddedEnd());
        }
        if (animated && frames == 0) {
            throw in.corrupt("the VP8X header says animated, but there is no frame (ANMF)");
        }
    }

    /** Some writers wrongly keep JPEG's {@code Exif\0\0} prefix before the TIFF header; both forms are read. */
    private static int readExifOrientation(HeaderInput in, Chunk chunk) throws IOException {
        byte[] exif = in.bytes((int) Math.min(chunk.end() - in.position(), HeaderInput.MAX_BLOCK));
        boolean prefixed = exif.length >= 6 && exif[0] == 'E' && exif[1] == 'x' && exif[2] == 'i' && exif[3] == 'f';
        return ExifOrientation.read(exif, prefixed ? 6 : 0);
    }

    /** A RIFF chunk whose payload ends at {@code end}; chunks are padded to an even length. */
    private record Chunk(String type, long end, long paddedEnd) {

        static final int HEADER_LENGTH = 8;

        static Chunk next(HeaderInput in, long limit) throws IOException {
            if (limit - in.position() < HEADER_LENGTH) {
                throw in.corrupt("no room for a chunk before the end of the RIFF data");
            }
            String type = in.fourCC();
            long size = in.u32le();
            long end = in.position() + size;
            if (end > limit) {
                throw in.corrupt("chunk " + type + " claims " + size + " bytes, past the end of the RIFF data");
            }
            return new Chunk(type, end, Math.min(end + (size & 1), limit));
        }

        void require(HeaderInput in, int length) {
            if (end - in.position() < length) {
                throw in.corrupt("chunk " + type + " is too short");
            }
        }
    }
}
