package io.pixbox.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.pixbox.imaging.ImagingException.CorruptImage;
import io.pixbox.imaging.ImagingException.EngineUnavailable;
import io.pixbox.imaging.engine.Deadline;
import io.pixbox.imaging.vips.Vips.Option;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The libvips images of one {@code process} call: releases them all on close, and at the deadline
 * kills them, which stops any evaluation reading from them, a decode included.
 */
final class Pipeline implements AutoCloseable {

    /** Marks where a libvips function writes its output image ({@code VipsImage **out}). */
    static final Object OUT = new Object();

    private static final int CHUNK = 64 * 1024;
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final Vips vips;
    private final Deadline deadline;
    private final Arena arena = Arena.ofConfined();
    private final List<MemorySegment> images = new ArrayList<>();
    private final Future<?> watch;
    private boolean killed;
    private boolean closed;

    Pipeline(Vips vips, Deadline deadline) {
        this.vips = vips;
        this.deadline = deadline;
        this.watch = WATCHDOG.schedule(this::kill, deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
    }

    Vips vips() {
        return vips;
    }

    Arena arena() {
        return arena;
    }

    /**
     * Calls a libvips operation such as {@code vips_rot(in, OUT, angle, NULL)}: {@code args} are the
     * required arguments with {@link #OUT} where the new image goes, then any {@link Option}s.
     */
    Image call(String function, Object... args) {
        MemorySegment out = arena.allocate(ADDRESS);
        List<Object> required = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        for (Object arg : args) {
            switch (arg) {
                case Option option -> options.add(option);
                case Image image -> required.add(image.pointer());
                default -> required.add(arg == OUT ? out : arg);
            }
        }
        check(vips.callVariadic(arena, function, required, options), function);
        return own(out.get(ADDRESS, 0));
    }

    /** A one-band image of doubles, {@code width × height}, from row-major {@code values}: a matrix for vips_recomb. */
    Image matrix(int width, int height, double[] values) {
        return make("vips_image_new_matrix_from_array", width, height, arena.allocateFrom(JAVA_DOUBLE, values),
                values.length);
    }

    /** Calls a libvips function that returns a new image, or NULL when it fails. */
    Image make(String function, Object... args) {
        MemorySegment image = vips.callAddress(function, args);
        check(image.equals(MemorySegment.NULL) ? -1 : 0, function);
        return own(image);
    }

    /**
     * Encodes {@code image} with a {@code *save_buffer} function and copies the bytes to {@code out}
     * in chunks; returns how many were written.
     */
    long save(String function, Image image, OutputStream out, Option... options) throws IOException {
        MemorySegment buffer = arena.allocate(ADDRESS);
        MemorySegment length = arena.allocate(JAVA_LONG);
        check(vips.callVariadic(arena, function, List.of(image.pointer(), buffer, length), List.of(options)), function);
        long size = length.get(JAVA_LONG, 0);
        MemorySegment bytes = buffer.get(ADDRESS, 0).reinterpret(size);
        try {
            byte[] chunk = new byte[(int) Math.min(CHUNK, size)];
            for (long offset = 0; offset < size; offset += chunk.length) {
                int n = (int) Math.min(chunk.length, size - offset);
                MemorySegment.copy(bytes, JAVA_BYTE, offset, chunk, 0, n);
                out.write(chunk, 0, n);
            }
        } finally {
            vips.callVoid("g_free", bytes);
        }
        return size;
    }

    /** Sets libvips' kill flag on every image, so an evaluation reading any of them fails. */
    synchronized void kill() {
        if (!closed) {
            killed = true;
            images.forEach(image -> vips.callVoid("vips_image_set_kill", image, 1));
        }
    }

    @Override
    public synchronized void close() {
        watch.cancel(false);
        closed = true;
        images.reversed().forEach(image -> vips.callVoid("g_object_unref", image));
        images.clear();
        arena.close();
    }

    private synchronized Image own(MemorySegment image) {
        images.add(image);
        if (killed) {
            vips.callVoid("vips_image_set_kill", image, 1);
        }
        return new Image(this, image);
    }

    /** Turns a failed call into the exception a caller can act on, with libvips' message. */
    private void check(int status, String function) {
        if (status == 0) {
            return;
        }
        String message = vips.takeError();
        synchronized (this) {
            if (killed) {
                throw deadline.timedOut();
            }
        }
        if (message.isEmpty()) {
            // libvips keeps one error buffer per process: a failure on another thread may have taken ours.
            message = "libvips gave no reason";
        }
        if (readsPixels(function)) {
            throw new CorruptImage("the image could not be decoded: " + message);
        }
        throw new EngineUnavailable("libvips " + function + " failed: " + message);
    }

    /**
     * Whether {@code function} opens the file or pulls pixels through the pipeline. libvips decodes
     * lazily, so broken pixel data surfaces only here, in the encoder as often as in the loader;
     * every other operation merely builds the pipeline and fails only on a fault of the engine.
     */
    private static boolean readsPixels(String function) {
        return function.contains("load") || function.equals("vips_thumbnail")
                || function.equals("vips_image_copy_memory") || function.endsWith("save_buffer");
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "vips-deadline");
            thread.setDaemon(true);
            return thread;
        });
        // Most pipelines finish long before their deadline: drop cancelled kills instead of queueing them.
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
