package io.pixbox.cli.client;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * What the client commands ask of a Pixbox server, whichever protocol carries it. Every method throws
 * {@link ClientException} for a refusal or a failure to reach the server.
 */
public interface PixboxApi extends AutoCloseable {

    /** One image as the server records it; {@code variants} only from {@link #image} and {@link #find}. */
    record ImageInfo(String id, String fileName, String format, String contentType, long size, int width, int height,
                     String createdAt, List<VariantInfo> variants) {
    }

    /** What a recipe made of an image. */
    record VariantInfo(String id, String recipe, String preset, String format, int width, int height, long size) {
    }

    /** A job; {@code state} is queued, running, succeeded, failed or dead. {@code fileName} may be null. */
    record JobInfo(String id, String imageId, String fileName, String recipe, String state, int attempts,
                   String errorCode, String error) {

        public boolean isFinal() {
            return state.equals("succeeded") || state.equals("failed") || state.equals("dead");
        }
    }

    /**
     * An uploaded image and the jobs queued for it; {@code replayed} when an earlier attempt under the same
     * idempotency key had stored it and the server answered that attempt's image again.
     */
    record Uploaded(ImageInfo image, List<JobInfo> jobs, boolean replayed) {
    }

    /** What a download wrote. */
    record Downloaded(String fileName, String contentType, long size) {
    }

    /**
     * Uploads one file, telling {@code sent} how many more bytes went out as they go. The same
     * {@code idempotencyKey} on every attempt of one file makes a retry whose first answer was lost answer the
     * image the first attempt made instead of making a second one.
     */
    Uploaded upload(Path file, List<String> recipes, List<String> presets, String idempotencyKey, LongConsumer sent);

    /** Queues a recipe (or a preset, by name) on an image. */
    JobInfo process(String imageId, String recipe, String preset);

    JobInfo job(String id);

    /** Waits until the job is succeeded, failed or dead, telling {@code changed} of each state it passes. */
    JobInfo await(String id, Consumer<JobInfo> changed);

    /** The caller's newest jobs. */
    List<JobInfo> jobs(int limit);

    /** One image with its variants. */
    ImageInfo image(String id);

    /** The images uploaded under exactly this file name, newest first, with their variants. */
    List<ImageInfo> find(String fileName);

    /**
     * Writes the original (variant empty) or a variant (by id, preset or recipe) to the stream {@code open} gives
     * for what is coming; closes it when done.
     */
    Downloaded download(String imageId, String variant, Function<Downloaded, OutputStream> open);

    void delete(String imageId);

    @Override
    void close();
}
