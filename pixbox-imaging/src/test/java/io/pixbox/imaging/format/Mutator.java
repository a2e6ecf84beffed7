package io.pixbox.imaging.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Damages a well-formed image the ways hostile or broken files are damaged, describing what it did. */
public final class Mutator {

    private static final int[] BOUNDARY_BYTES = {0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE};
    private static final long[] BOUNDARY_LENGTHS = {0xFFFF_FFFFL, 0x7FFF_FFFFL, 0x8000_0000L, 0, 1, 2, 7, 8,
            0xFFFF, 0x7FFF, 0xFFFE};
    private static final int NEAR_START = 256;
    private static final int HEAD = 2048;
    private static final int SCANNED = 8192;

    private final byte[] original;
    private final int[] lengthFields;

    public Mutator(byte[] original) {
        this.original = original;
        this.lengthFields = lengthFields(original);
    }

    /** A mutated copy of the original and a description of its mutations. */
    public record Mutant(byte[] bytes, String description) {
    }

    public Mutant mutate(Random random) {
        byte[] bytes = original.clone();
        List<String> steps = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count && bytes.length > 0; i++) {
            bytes = switch (random.nextInt(6)) {
                case 0 -> flipBit(bytes, random, steps);
                case 1 -> overwrite(bytes, random, steps);
                case 2, 3 -> setLengthField(bytes, random, steps);
                case 4 -> truncate(bytes, random, steps);
                default -> duplicateRange(bytes, random, steps);
            };
        }
        return new Mutant(bytes, String.join("; ", steps));
    }

    private static byte[] flipBit(byte[] bytes, Random random, List<String> steps) {
        int at = position(bytes, random);
        int bit = random.nextInt(8);
        bytes[at] ^= (byte) (1 << bit);
        steps.add("flip bit " + bit + " at " + at);
        return bytes;
    }

    private static byte[] overwrite(byte[] bytes, Random random, List<String> steps) {
        int at = position(bytes, random);
        int value = BOUNDARY_BYTES[random.nextInt(BOUNDARY_BYTES.length)];
        bytes[at] = (byte) value;
        steps.add("set byte " + at + " to 0x" + Integer.toHexString(value));
        return bytes;
    }

    /** Overwrites a 2- or 4-byte field next to a chunk type or marker, in either byte order, with a boundary value. */
    private byte[] setLengthField(byte[] bytes, Random random, List<String> steps) {
        int at = lengthFields.length > 0 && random.nextInt(4) > 0
                ? lengthFields[random.nextInt(lengthFields.length)]
                : position(bytes, random);
        int width = random.nextBoolean() ? 4 : 2;
        boolean littleEndian = random.nextBoolean();
        long value = random.nextInt(8) == 0 ? bytes.length + 1L : BOUNDARY_LENGTHS[random.nextInt(BOUNDARY_LENGTHS.length)];
        for (int i = 0; i < width && at + i < bytes.length; i++) {
            int shift = 8 * (littleEndian ? i : width - 1 - i);
            bytes[at + i] = (byte) (value >>> shift);
        }
        steps.add("set " + (littleEndian ? "LE" : "BE") + " u" + width * 8 + " at " + at + " to " + value);
        return bytes;
    }

    private static byte[] truncate(byte[] bytes, Random random, List<String> steps) {
        int length = position(bytes, random);
        steps.add("truncate to " + length);
        return Arrays.copyOf(bytes, length);
    }

    private static byte[] duplicateRange(byte[] bytes, Random random, List<String> steps) {
        int from = position(bytes, random);
        int length = Math.min(1 + random.nextInt(256), bytes.length - from);
        int to = position(bytes, random);
        steps.add("copy " + length + " bytes from " + from + " to " + to);
        return TestImages.insert(bytes, to, Arrays.copyOfRange(bytes, from, from + length));
    }

    /** A position anywhere, though mostly near the start, where the structure a probe reads is. */
    private static int position(byte[] bytes, Random random) {
        int range = switch (random.nextInt(4)) {
            case 0, 1 -> Math.min(bytes.length, NEAR_START);
            case 2 -> Math.min(bytes.length, HEAD);
            default -> bytes.length;
        };
        return random.nextInt(range);
    }

    /**
     * Offsets that are likely length fields: after a JPEG marker, and on either side of four letters that may be
     * a PNG chunk type or an ISO-BMFF box type (length before) or a RIFF chunk type (length after).
     */
    private static int[] lengthFields(byte[] bytes) {
        List<Integer> offsets = new ArrayList<>();
        int end = Math.min(bytes.length, SCANNED);
        for (int i = 0; i + 4 <= end; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0xFF && (bytes[i + 1] & 0xFF) >= 0xC0 && (bytes[i + 1] & 0xFF) < 0xFF) {
                offsets.add(i + 2);
            }
            if (isTag(bytes, i)) {
                if (i >= 4) {
                    offsets.add(i - 4);
                }
                offsets.add(i + 4);
            }
        }
        return offsets.stream().filter(offset -> offset < bytes.length).mapToInt(Integer::intValue).toArray();
    }

    private static boolean isTag(byte[] bytes, int at) {
        for (int i = 0; i < 4; i++) {
            int c = bytes[at + i];
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && !(i > 0 && (c == ' ' || (c >= '0' && c <= '9')))) {
                return false;
            }
        }
        return true;
    }
}
