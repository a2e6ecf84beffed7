package io.pixbox.imaging.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Reads a PNG's IHDR for the size and walks the chunks before the image data for an APNG frame count. */
final class PngHeaderReader {

    private static final int SIGNATURE_LENGTH = 8;
    private static final int IHDR_LENGTH = 13;
    private static final int ACTL_LENGTH = 8;
    private static final long MAX_CHUNK_LENGTH = Integer.MAX_VALUE;
    private static final int CRC_LENGTH = 4;

    private PngHeaderReader() {
    }

    static void read(HeaderInput in, CheckedHeader header) throws IOException {
        in.skip(SIGNATURE_LENGTH);
        long length = in.u32be();
        String type = in.fourCC();
        if (!type.equals("IHDR") || length != IHDR_LENGTH) {
            throw in.corrupt("the first chunk is " + type + " of " + length + " bytes, not a 13-byte IHDR");
        }
        byte[] ihdr = checkedChunk(in, type, IHDR_LENGTH);
        long width = u32(ihdr, 0);
        long height = u32(ihdr, 4);
        if (width > MAX_CHUNK_LENGTH || height > MAX_CHUNK_LENGTH) {
            throw in.corrupt("IHDR says " + width + "×" + height + ", over the 2^31-1 a PNG allows");
        }
        header.size(width, height);
        while (true) {
            length = in.u32be();
            type = in.fourCC();
            if (length > MAX_CHUNK_LENGTH) {
                throw in.corrupt("chunk " + type + " claims " + length + " bytes");
            }
            switch (type) {
                case "IDAT" -> {
                    if (length + CRC_LENGTH > in.remaining()) {
                        throw in.corrupt("it ends inside the image data");
                    }
                    return;
                }
                case "IEND" -> throw in.corrupt("no image data (IDAT) before IEND");
                case "acTL" -> {
                    if (length != ACTL_LENGTH) {
                        throw in.corrupt("acTL is " + length + " bytes, not 8");
                    }
                    header.frames(u32(checkedChunk(in, type, ACTL_LENGTH), 0));
                }
                default -> in.skip(length + CRC_LENGTH);
            }
        }
    }

    /** The data of a small chunk whose CRC matches, the CRC consumed. */
    private static byte[] checkedChunk(HeaderInput in, String type, int length) throws IOException {
        byte[] data = in.bytes(length);
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        if (crc.getValue() != in.u32be()) {
            throw in.corrupt(type + " checksum does not match");
        }
        return data;
    }

    private static long u32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFFL) << 24 | (bytes[offset + 1] & 0xFF) << 16
                | (bytes[offset + 2] & 0xFF) << 8 | bytes[offset + 3] & 0xFF;
    }
}
