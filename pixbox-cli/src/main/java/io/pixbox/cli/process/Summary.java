package io.pixbox.cli.process;

import io.pixbox.cli.process.Outcome.Failed;
import io.pixbox.cli.process.Outcome.Written;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a batch did, in input order, as text for people or JSON for scripts. */
record Summary(List<Outcome> outcomes, Duration elapsed) {

    Summary {
        outcomes = List.copyOf(outcomes);
    }

    List<Written> written() {
        return outcomes.stream().filter(Written.class::isInstance).map(Written.class::cast).toList();
    }

    List<Failed> failed() {
        return outcomes.stream().filter(Failed.class::isInstance).map(Failed.class::cast).toList();
    }

    /** The size of the inputs that were processed. */
    long bytesIn() {
        return written().stream().mapToLong(Written::bytesIn).sum();
    }

    long bytesOut() {
        return written().stream().mapToLong(w -> w.image().bytes()).sum();
    }

    /** Inputs finished, processed or failed, per second of the whole run. */
    double imagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? outcomes.size() / seconds : 0;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%d done, %d failed, of %d %s in %.2f s (%.1f img/s)%n",
                written().size(), failed().size(), outcomes.size(), outcomes.size() == 1 ? "image" : "images",
                elapsed.toNanos() / 1e9, imagesPerSecond()));
        text.append("bytes: ").append(size(bytesIn())).append(" in, ").append(size(bytesOut())).append(" out")
                .append(System.lineSeparator());
        List<Written> renamed = written().stream().filter(Written::renamed).toList();
        if (!renamed.isEmpty()) {
            text.append("renamed, as another input has the same name:").append(System.lineSeparator());
            renamed.forEach(w -> text.append("  ").append(w.input()).append(" -> ").append(w.output())
                    .append(System.lineSeparator()));
        }
        if (!failed().isEmpty()) {
            text.append("failed:").append(System.lineSeparator());
            failed().forEach(f -> text.append("  ").append(f.input()).append(": ").append(f.reason())
                    .append(" [").append(f.code()).append("]").append(System.lineSeparator()));
        }
        return text.toString();
    }

    String json() {
        return "{\"done\":" + written().size()
                + ",\"failed\":" + failed().size()
                + ",\"bytesIn\":" + bytesIn()
                + ",\"bytesOut\":" + bytesOut()
                + ",\"elapsedSeconds\":" + String.format(Locale.ROOT, "%.3f", elapsed.toNanos() / 1e9)
                + ",\"imagesPerSecond\":" + String.format(Locale.ROOT, "%.2f", imagesPerSecond())
                + ",\"images\":[" + written().stream().map(w -> "{\"input\":" + string(w.input())
                        + ",\"output\":" + string(w.output())
                        + ",\"format\":" + string(w.image().format().recipeName())
                        + ",\"width\":" + w.image().width()
                        + ",\"height\":" + w.image().height()
                        + ",\"bytesIn\":" + w.bytesIn()
                        + ",\"bytesOut\":" + w.image().bytes()
                        + ",\"renamed\":" + w.renamed() + "}").collect(Collectors.joining(","))
                + "],\"failures\":[" + failed().stream().map(f -> "{\"input\":" + string(f.input())
                        + ",\"code\":" + string(f.code())
                        + ",\"reason\":" + string(f.reason()) + "}").collect(Collectors.joining(","))
                + "]}" + System.lineSeparator();
    }

    /** A byte count for people: {@code 812 B}, {@code 1.4 MiB}. */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String string(Object value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toString().toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> json.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return json.append('"').toString();
    }
}
