package io.pixbox.bench;

import io.pixbox.imaging.recipe.Recipe;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Cost of reading recipe text, and of reading it and printing its canonical form (a variant key). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecipeParseBenchmark {

    /** Named so that JMH's table stays narrow; the texts are in {@link #setUp()}. */
    @Param({"thumbnail", "every-operation"})
    public String recipe;

    private String text;

    @Setup
    public void setUp() {
        text = switch (recipe) {
            case "thumbnail" -> ThumbnailBenchmark.RECIPE;
            // Every kind of argument, written out of canonical order.
            case "every-operation" -> "quality:80/crop:10:10:200:100/rotate:90/flip:h/fill:300:300:attention"
                    + "/grayscale/sepia/blur:2.5/sharpen/brightness:1.2/contrast:1.1/saturation:0.8/invert/format:jpg";
            default -> throw new IllegalArgumentException("recipe must be thumbnail or every-operation, got " + recipe);
        };
    }

    @Benchmark
    public Recipe parse() {
        return Recipe.parse(text);
    }

    @Benchmark
    public String canonicalForm() {
        return Recipe.parse(text).toString();
    }
}
