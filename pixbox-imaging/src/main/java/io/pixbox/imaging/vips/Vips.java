package io.pixbox.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.pixbox.imaging.ImagingException.EngineUnavailable;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hand-written bindings to libvips through {@code java.lang.foreign}: loads the library once and
 * calls its functions, variadic ones included, by name.
 */
final class Vips {

    // Enum values from the libvips 8.14 headers; VipsBindingTests checks each against libvips' own table.
    static final int ACCESS_SEQUENTIAL = 1;
    static final int FAIL_ON_WARNING = 3;
    static final int SIZE_FORCE = 3;
    static final int INTERESTING_CENTRE = 1;
    static final int INTERESTING_ATTENTION = 3;
    static final int INTERPRETATION_B_W = 1;
    static final int INTERPRETATION_SRGB = 22;
    static final int FORMAT_UCHAR = 0;
    static final int DIRECTION_HORIZONTAL = 0;
    static final int DIRECTION_VERTICAL = 1;
    static final int HEIF_COMPRESSION_AV1 = 4;

    /** An optional argument of a libvips operation, passed by name after the required ones. */
    record Option(String name, Object value) {
    }

    static Option option(String name, Object value) {
        return new Option(name, value);
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Logger log = LoggerFactory.getLogger("io.pixbox.imaging.vips.libvips");
    /** GLib's G_LOG_LEVEL_WARNING | MESSAGE | INFO | DEBUG; errors and fatal levels keep GLib's own handling. */
    private static final int GLIB_WARNING_AND_BELOW = (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7);
    private static Vips instance;
    private static EngineUnavailable failure;

    private final SymbolLookup library;
    private final Map<Shape, MethodHandle> handles = new ConcurrentHashMap<>();

    /** One C signature of a function, as called: a downcall handle is made once for each. */
    private record Shape(String function, FunctionDescriptor descriptor, int firstVariadic) {
    }

    private Vips(SymbolLookup library) {
        this.library = library;
    }

    /** The loaded library, loading and initialising it on first use; a failure is remembered too. */
    static synchronized Vips get() {
        if (instance == null && failure == null) {
            try {
                instance = load(libraryNames());
            } catch (EngineUnavailable e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new EngineUnavailable(failure.getMessage(), failure.getCause());
        }
        return instance;
    }

    /** Loads libvips from the first of {@code names} that opens, and initialises it. */
    static Vips load(List<String> names) {
        try {
            Vips vips = new Vips(lookup(names));
            vips.requireVersion(8, 12); // for fail_on, which strict decoding depends on
            try (Arena arena = Arena.ofConfined()) {
                if (vips.callInt("vips_init", arena.allocateFrom("pixbox")) != 0) {
                    throw new IllegalStateException("vips_init failed: " + vips.takeError());
                }
            }
            vips.routeLogToSlf4j();
            // The operation cache would hand back a stale image when a file changes under the same
            // name, and holds memory between requests; Pixbox never repeats an operation anyway.
            vips.callVoid("vips_cache_set_max", 0);
            // Loaders libvips marks untrusted (MATLAB, FITS, ...) are never needed and widen the attack surface.
            vips.callVoid("vips_block_untrusted_set", 1);
            return vips;
        } catch (IllegalCallerException e) {
            throw new EngineUnavailable("libvips could not be called (" + e.getMessage() + "). Start java with"
                    + " --enable-native-access=ALL-UNNAMED, or choose the Java engine.", e);
        } catch (RuntimeException e) {
            throw new EngineUnavailable("libvips could not be loaded (" + e.getMessage() + "). Install it with"
                    + " `apt-get install libvips42` on Debian/Ubuntu or `brew install vips` on macOS,"
                    + " or choose the Java engine.", e);
        }
    }

    /**
     * libvips reports trouble it recovers from, such as each damaged tile of a truncated file, through
     * GLib's log, which prints to stderr. Every such failure also reaches the caller as an exception,
     * so the lines go to the log at debug level instead of into a command's output.
     */
    private void routeLogToSlf4j() {
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle target = MethodHandles.lookup().findStatic(Vips.class, "logFromGlib",
                    MethodType.methodType(void.class, MemorySegment.class, int.class, MemorySegment.class,
                            MemorySegment.class));
            MemorySegment handler = LINKER.upcallStub(target,
                    FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS), Arena.global());
            callInt("g_log_set_handler", arena.allocateFrom("VIPS"), GLIB_WARNING_AND_BELOW, handler,
                    MemorySegment.NULL);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot route libvips' log", e);
        }
    }

    /** GLib's GLogFunc: called by libvips on its own threads, so it must never throw. */
    private static void logFromGlib(MemorySegment domain, int level, MemorySegment message, MemorySegment data) {
        try {
            log.debug("libvips: {}", message.reinterpret(Long.MAX_VALUE).getString(0));
        } catch (RuntimeException e) {
            // nothing sensible to do from inside a native callback
        }
    }

    private void requireVersion(int major, int minor) {
        int[] found = {callInt("vips_version", 0), callInt("vips_version", 1)};
        if (found[0] < major || found[0] == major && found[1] < minor) {
            throw new IllegalStateException("version " + major + "." + minor + " or newer is needed, found "
                    + found[0] + "." + found[1]);
        }
    }

    private static List<String> libraryNames() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac")
                ? List.of("libvips.42.dylib", "/opt/homebrew/lib/libvips.42.dylib", "/usr/local/lib/libvips.42.dylib")
                : List.of("libvips.so.42", "libvips.so");
    }

    private static SymbolLookup lookup(List<String> names) {
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            try {
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) {
                failures.add(e.getMessage());
            }
        }
        throw new IllegalStateException(String.join("; ", failures));
    }

    int callInt(String function, Object... args) {
        return (int) call(JAVA_INT, function, List.of(args), null);
    }

    long callLong(String function, Object... args) {
        return (long) call(JAVA_LONG, function, List.of(args), null);
    }

    MemorySegment callAddress(String function, Object... args) {
        return (MemorySegment) call(ADDRESS, function, List.of(args), null);
    }

    void callVoid(String function, Object... args) {
        call(null, function, List.of(args), null);
    }

    /**
     * Calls a variadic libvips function: the required {@code args}, then each option as a name and a
     * value, then NULL. Option arrays become VipsArrayDouble, as libvips expects of optional arguments.
     */
    int callVariadic(Arena arena, String function, List<Object> args, List<Option> options) {
        List<MemorySegment> arrays = new ArrayList<>();
        try {
            List<Object> variadic = new ArrayList<>();
            for (Option option : options) {
                variadic.add(arena.allocateFrom(option.name()));
                if (option.value() instanceof double[] values) {
                    MemorySegment array = callAddress("vips_array_double_new", arena.allocateFrom(JAVA_DOUBLE, values),
                            values.length);
                    arrays.add(array);
                    variadic.add(array);
                } else {
                    variadic.add(toC(arena, option.value()));
                }
            }
            variadic.add(MemorySegment.NULL);
            List<Object> all = new ArrayList<>(args.stream().map(arg -> toC(arena, arg)).toList());
            all.addAll(variadic);
            return (int) call(JAVA_INT, function, all, args.size());
        } finally {
            arrays.forEach(array -> callVoid("vips_area_unref", array));
        }
    }

    /** Takes libvips' error message and clears it, in one step: the buffer is shared by every thread. */
    String takeError() {
        MemorySegment copy = callAddress("vips_error_buffer_copy");
        try {
            return copy.reinterpret(Long.MAX_VALUE).getString(0).strip();
        } finally {
            callVoid("g_free", copy);
        }
    }

    /** A Java value as the C type a libvips function takes: gboolean is int, strings and arrays are pointers. */
    private static Object toC(Arena arena, Object value) {
        return switch (value) {
            case Boolean b -> b ? 1 : 0;
            case String s -> arena.allocateFrom(s);
            case double[] values -> arena.allocateFrom(JAVA_DOUBLE, values);
            case Integer _, Double _, Long _, MemorySegment _ -> value;
            default -> throw new IllegalArgumentException("no C type for " + value.getClass().getName());
        };
    }

    private Object call(MemoryLayout result, String function, List<Object> args, Integer firstVariadic) {
        MemoryLayout[] layouts = args.stream().map(Vips::layout).toArray(MemoryLayout[]::new);
        FunctionDescriptor descriptor = result == null
                ? FunctionDescriptor.ofVoid(layouts)
                : FunctionDescriptor.of(result, layouts);
        Shape shape = new Shape(function, descriptor, firstVariadic == null ? -1 : firstVariadic);
        MethodHandle handle = handles.computeIfAbsent(shape, this::downcall);
        try {
            return handle.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(function + " failed", e);
        }
    }

    private MethodHandle downcall(Shape shape) {
        MemorySegment symbol = library.find(shape.function())
                .orElseThrow(() -> new NoSuchElementException("libvips has no function " + shape.function()));
        return shape.firstVariadic() < 0
                ? LINKER.downcallHandle(symbol, shape.descriptor())
                : LINKER.downcallHandle(symbol, shape.descriptor(), Linker.Option.firstVariadicArg(shape.firstVariadic()));
    }

    private static MemoryLayout layout(Object arg) {
        return switch (arg) {
            case Integer _ -> JAVA_INT;
            case Long _ -> JAVA_LONG;
            case Double _ -> JAVA_DOUBLE;
            case MemorySegment _ -> ADDRESS;
            default -> throw new IllegalArgumentException("no C type for " + arg.getClass().getName());
        };
    }
}
