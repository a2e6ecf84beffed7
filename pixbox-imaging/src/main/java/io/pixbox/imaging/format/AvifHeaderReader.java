package io.pixbox.imaging.format;

import java.io.IOException;
import java.util.List;

/**
 * Walks an AVIF's ISO-BMFF boxes for the image size and, for an image sequence, the frame count.
 *
 * <p>Every size the file declares is checked against the limits: each item's spatial extent
 * ({@code meta/iprp/ipco/ispe}) and, for a sequence, the first track's sample entry. The size reported is
 * the largest of them rather than the primary item's: it is never smaller than what a decoder allocates,
 * and in files from common encoders, where the other items are alpha planes, grid tiles or thumbnails,
 * it is the primary image's. Rotation and mirroring ({@code irot}, {@code imir}) are not read:
 * the orientation is always 1.
 */
final class AvifHeaderReader {

    private static final List<String> SPATIAL_EXTENT = List.of("iprp", "ipco", "ispe");
    private static final List<String> SAMPLE_TABLE = List.of("trak", "mdia", "minf", "stbl");
    /** Frames reported for a sequence whose samples cannot be counted: more than one, as it is animated. */
    private static final int UNCOUNTED_SEQUENCE = 2;

    private final HeaderInput in;
    private final CheckedHeader header;
    private boolean sequence;
    private boolean trackRead;
    private long samples;
    private long width;
    private long height;

    private AvifHeaderReader(HeaderInput in, CheckedHeader header) {
        this.in = in;
        this.header = header;
    }

    static void read(HeaderInput in, CheckedHeader header) throws IOException {
        new AvifHeaderReader(in, header).read();
    }

    private void read() throws IOException {
        forEachChild(new Box("file", in.size()), box -> {
            switch (box.type()) {
                case "ftyp" -> readBrands(box);
                case "meta" -> {
                    box.require(in, 4);
                    in.skip(4); // a full box: version and flags
                    forEachAt(box, SPATIAL_EXTENT, this::readSpatialExtent);
                }
                case "moov" -> forEachAt(box, SAMPLE_TABLE, this::readSampleTable);
                default -> {
                }
            }
        });
        if (width == 0) {
            throw in.corrupt("no image size (ispe) found");
        }
        header.size(width, height);
        if (sequence) {
            header.frames(samples > 0 ? samples : UNCOUNTED_SEQUENCE);
        }
    }

    private void readBrands(Box ftyp) throws IOException {
        ftyp.require(in, 8);
        sequence = in.fourCC().equals("avis");
        in.skip(4);
        while (!sequence && ftyp.end() - in.position() >= 4) {
            sequence = in.fourCC().equals("avis");
        }
    }

    private void readSpatialExtent(Box ispe) throws IOException {
        ispe.require(in, 12);
        in.skip(4);
        sizeFound(in.u32be(), in.u32be());
    }

    /** Reads the first track only: a sequence's colour track comes first, its alpha track after. */
    private void readSampleTable(Box stbl) throws IOException {
        if (trackRead) {
            return;
        }
        trackRead = true;
        forEachChild(stbl, box -> {
            switch (box.type()) {
                case "stsd" -> readSampleEntry(box);
                case "stsz", "stz2" -> {
                    box.require(in, 12);
                    in.skip(8); // version, flags, and the sample size or field size
                    samples = in.u32be();
                }
                default -> {
                }
            }
        });
    }

    private void readSampleEntry(Box stsd) throws IOException {
        stsd.require(in, 8);
        in.skip(4);
        if (in.u32be() == 0) {
            return;
        }
        Box entry = Box.next(in, stsd.end());
        entry.require(in, 28);
        in.skip(24); // reserved, data reference index, pre-defined fields
        sizeFound(in.u16be(), in.u16be());
    }

    private void sizeFound(long w, long h) {
        header.size(w, h);
        if (w * h > width * height) {
            width = w;
            height = h;
        }
    }

    /** Visits each box at the end of {@code path} below {@code parent}; paths are constants, so recursion is bounded. */
    private void forEachAt(Box parent, List<String> path, BoxVisitor visitor) throws IOException {
        forEachChild(parent, child -> {
            if (child.type().equals(path.getFirst())) {
                if (path.size() == 1) {
                    visitor.visit(child);
                } else {
                    forEachAt(child, path.subList(1, path.size()), visitor);
                }
            }
        });
    }

    private void forEachChild(Box parent, BoxVisitor visitor) throws IOException {
        while (in.position() < parent.end()) {
            Box child = Box.next(in, parent.end());
            visitor.visit(child);
            in.skipTo(child.end());
        }
    }

    @FunctionalInterface
    private interface BoxVisitor {
        void visit(Box box) throws IOException;
    }

    /** A box whose content runs from the current position to {@code end}. */
    private record Box(String type, long end) {

        private static final int HEADER_LENGTH = 8;

        static Box next(HeaderInput in, long limit) throws IOException {
            long start = in.position();
            if (limit - start < HEADER_LENGTH) {
                throw in.corrupt("no room for a box header before byte " + limit);
            }
            long size = in.u32be();
            String type = in.fourCC();
            if (size == 1) {
                if (limit - in.position() < 8) {
                    throw in.corrupt("box " + type + " has no room for its 64-bit size");
                }
                size = in.u64be();
            } else if (size == 0) {
                size = limit - start; // "to the end of the enclosing box"
            }
            if (size < in.position() - start || size > limit - start) {
                throw in.corrupt("box " + type + " claims " + Long.toUnsignedString(size)
                        + " bytes, but only " + (limit - start) + " are left");
            }
            return new Box(type, start + size);
        }

        void require(HeaderInput in, int length) {
            if (end - in.position() < length) {
                throw in.corrupt("box " + type + " is too short");
            }
        }
    }
}
