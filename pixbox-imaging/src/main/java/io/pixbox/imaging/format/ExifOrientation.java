package io.pixbox.imaging.format;

/** Finds the orientation tag in a TIFF-structured EXIF block, giving 1 when it is absent or unreadable. */
final class ExifOrientation {

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int ENTRY_SIZE = 12;

    private ExifOrientation() {
    }

    /** The orientation in {@code exif}, whose TIFF header starts at {@code tiffStart}. */
    static int read(byte[] exif, int tiffStart) {
        Tiff tiff = Tiff.at(exif, tiffStart);
        if (tiff == null) {
            return 1;
        }
        long ifd = tiff.u32(4);
        if (ifd < 8 || ifd > tiff.length() - 2) {
            return 1;
        }
        int entries = tiff.u16((int) ifd);
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + (long) i * ENTRY_SIZE;
            if (entry + ENTRY_SIZE > tiff.length()) {
                return 1;
            }
            if (tiff.u16((int) entry) == ORIENTATION_TAG) {
                int value = tiff.u16((int) entry + 8);
                boolean valid = tiff.u16((int) entry + 2) == TYPE_SHORT && value >= 1 && value <= 8;
                return valid ? value : 1;
            }
        }
        return 1;
    }

    /** A TIFF block inside a larger array, read in its own byte order. */
    private record Tiff(byte[] bytes, int start, boolean littleEndian) {

        static Tiff at(byte[] bytes, int start) {
            if (start < 0 || bytes.length - start < 8) {
                return null;
            }
            if (bytes[start] == 'I' && bytes[start + 1] == 'I' && bytes[start + 2] == 42 && bytes[start + 3] == 0) {
                return new Tiff(bytes, start, true);
            }
            if (bytes[start] == 'M' && bytes[start + 1] == 'M' && bytes[start + 2] == 0 && bytes[start + 3] == 42) {
                return new Tiff(bytes, start, false);
            }
            return null;
        }

        int length() {
            return bytes.length - start;
        }

        int u16(int offset) {
            int a = bytes[start + offset] & 0xFF;
            int b = bytes[start + offset + 1] & 0xFF;
            return littleEndian ? b << 8 | a : a << 8 | b;
        }

        long u32(int offset) {
            long a = u16(offset);
            long b = u16(offset + 2);
            return littleEndian ? b << 16 | a : a << 16 | b;
        }
    }
}
