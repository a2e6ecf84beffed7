package io.pixbox.imaging.imageio;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Finds a JPEG's EXIF segment and resets its orientation, for {@code keep-metadata}. */
final class Exif {

    private static final byte[] HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final int APP1 = 0xE1;
    private static final int START_OF_SCAN = 0xDA;
    private static final int END_OF_IMAGE = 0xD9;
    private static final int ORIENTATION = 0x0112;

    private Exif() {
    }

    /** The payload of the first EXIF APP1 segment of {@code jpeg}, from {@code Exif\0\0} on, if any. */
    static Optional<byte[]> read(Path jpeg) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(jpeg)))) {
            if (in.readUnsignedShort() != 0xFFD8) {
                return Optional.empty();
            }
            while (true) {
                int marker = nextMarker(in);
                if (marker == START_OF_SCAN || marker == END_OF_IMAGE) {
                    return Optional.empty();
                }
                byte[] payload = new byte[in.readUnsignedShort() - 2];
                in.readFully(payload);
                if (marker == APP1 && payload.length > HEADER.length
                        && Arrays.equals(payload, 0, HEADER.length, HEADER, 0, HEADER.length)) {
                    return Optional.of(payload);
                }
            }
        } catch (EOFException e) {
            return Optional.empty();
        }
    }

    /**
     * A copy of {@code payload} whose orientation tag, if it has one, says 1 (upright); empty when the
     * TIFF structure is too damaged to tell, since a stale orientation would turn the output again.
     */
    static Optional<byte[]> withUprightOrientation(byte[] payload) {
        byte[] copy = payload.clone();
        ByteBuffer tiff = ByteBuffer.wrap(copy, HEADER.length, copy.length - HEADER.length).slice();
        try {
            tiff.order(tiff.getShort(0) == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            int ifd = tiff.getInt(4);
            int entries = Short.toUnsignedInt(tiff.getShort(ifd));
            for (int i = 0; i < entries; i++) {
                int entry = ifd + 2 + i * 12;
                if (Short.toUnsignedInt(tiff.getShort(entry)) == ORIENTATION) {
                    tiff.putShort(entry + 8, (short) 1);
                }
            }
            return Optional.of(copy);
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** The complete APP1 segment, marker and length included, for {@code payload}. */
    static byte[] segment(byte[] payload) {
        return ByteBuffer.allocate(payload.length + 4)
                .putShort((short) 0xFFE1).putShort((short) (payload.length + 2)).put(payload).array();
    }

    private static int nextMarker(InputStream in) throws IOException {
        int b = in.read();
        while (b != 0xFF) {
            if (b < 0) {
                throw new EOFException();
            }
            b = in.read();
        }
        while (b == 0xFF) {
            b = in.read();
        }
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }
}
