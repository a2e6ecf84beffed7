package io.pixbox.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;

import io.pixbox.imaging.vips.Vips.Option;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/** A {@code VipsImage*} owned by a {@link Pipeline}: its header fields, and operations that make new images from it. */
record Image(Pipeline pipeline, MemorySegment pointer) {

    int width() {
        return getInt("vips_image_get_width");
    }

    int height() {
        return getInt("vips_image_get_height");
    }

    int bands() {
        return getInt("vips_image_get_bands");
    }

    int format() {
        return getInt("vips_image_get_format");
    }

    int interpretation() {
        return getInt("vips_image_get_interpretation");
    }

    boolean hasAlpha() {
        return getInt("vips_image_hasalpha") != 0;
    }

    /** The number of bands other than alpha. */
    int colourBands() {
        return bands() - (hasAlpha() ? 1 : 0);
    }

    boolean hasIccProfile() {
        return pipeline.vips().callLong("vips_image_get_typeof", pointer,
                pipeline.arena().allocateFrom("icc-profile-data")) != 0;
    }

    /** The image {@code function(this, out, args...)} makes: {@code args} are its other required arguments, then options. */
    Image apply(String function, Object... args) {
        Object[] all = new Object[args.length + 2];
        all[0] = this;
        all[1] = Pipeline.OUT;
        System.arraycopy(args, 0, all, 2, args.length);
        return pipeline.call(function, all);
    }

    /** The names of this image's metadata fields, such as {@code exif-data} or {@code xmp-data}. */
    List<String> fields() {
        Vips vips = pipeline.vips();
        MemorySegment names = vips.callAddress("vips_image_get_fields", pointer).reinterpret(Long.MAX_VALUE);
        try {
            List<String> fields = new ArrayList<>();
            for (long i = 0; !names.getAtIndex(ADDRESS, i).equals(MemorySegment.NULL); i++) {
                fields.add(names.getAtIndex(ADDRESS, i).reinterpret(Long.MAX_VALUE).getString(0));
            }
            return fields;
        } finally {
            vips.callVoid("g_strfreev", names);
        }
    }

    /** Removes a metadata field; only for an image this pipeline has just copied, as others may share it. */
    void remove(String field) {
        pipeline.vips().callInt("vips_image_remove", pointer, pipeline.arena().allocateFrom(field));
    }

    /** This image evaluated into memory, for operations that read their input more than once. */
    Image copyToMemory() {
        return pipeline.make("vips_image_copy_memory", pointer);
    }

    /** Encodes with a {@code *save_buffer} function into {@code out}; returns the number of bytes. */
    long save(String function, OutputStream out, Option... options) throws IOException {
        return pipeline.save(function, this, out, options);
    }

    private int getInt(String function) {
        return pipeline.vips().callInt(function, pointer);
    }
}
