package io.pixbox.imaging.format;

import java.io.IOException;
import java.util.Arrays;

/** Walks JPEG markers to the first frame header (SOFn) for the size, reading the EXIF orientation on the way. */
final class JpegHeaderReader {

    private static final int APP1 = 0xE1;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final byte[] EXIF_ID = {'E', 'x', 'i', 'f', 0, 0};

    private JpegHeaderReader() {
    }

    static void read(HeaderInput in, CheckedHeader header) throws IOException {
        in.skip(2);
        boolean exifSeen = false;
        while (true) {
            int marker = nextMarker(in);
            if (marker == SOS || marker == EOI) {
                throw in.corrupt("no frame header (SOF) before the image data");
            }
            if (hasNoLength(marker)) {
                continue;
            }
            int length = in.u16be();
            if (length < 2) {
                throw in.corrupt("segment 0x" + Integer.toHexString(marker) + " has length " + length);
            }
            int payload = length - 2;
            if (isFrameHeader(marker)) {
                readFrameHeader(in, payload, header);
                return;
            }
            if (marker == APP1 && !exifSeen && payload >= EXIF_ID.length) {
                byte[] id = in.bytes(EXIF_ID.length);
                payload -= EXIF_ID.length;
                if (Arrays.equals(id, EXIF_ID)) {
                    exifSeen = true;
                    header.orientation(ExifOrientation.read(in.bytes(payload), 0));
                    continue;
                }
            }
            in.skip(payload);
        }
    }

    private static void readFrameHeader(HeaderInput in, int payload, CheckedHeader header) throws IOException {
        if (payload < 6) {
            throw in.corrupt("frame header is only " + payload + " bytes");
        }
        in.u8();
        int height = in.u16be();
        int width = in.u16be();
        if (height == 0) {
            throw in.corrupt("height 0 (defined later by a DNL marker) is not supported");
        }
        header.size(width, height);
    }

    /** The next marker code, after the 0xFF fill bytes a JPEG may put before it. */
    private static int nextMarker(HeaderInput in) throws IOException {
        int b = in.u8();
        if (b != 0xFF) {
            throw in.corrupt("expected a marker, found 0x" + Integer.toHexString(b));
        }
        do {
            b = in.u8();
        } while (b == 0xFF);
        if (b == 0) {
            throw in.corrupt("expected a marker, found a stuffed 0xFF00");
        }
        return b;
    }

    /** SOF0–SOF15, leaving out DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** TEM, RST0–RST7 and SOI stand alone, without a length. */
    private static boolean hasNoLength(int marker) {
        return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8);
    }
}
