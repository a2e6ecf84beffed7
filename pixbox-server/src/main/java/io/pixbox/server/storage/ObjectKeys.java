package io.pixbox.server.storage;

import java.util.Arrays;
import java.util.regex.Pattern;

/** The one rule for object keys and listing prefixes, strict enough that no key can name a place outside its store. */
final class ObjectKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private static final String RULE = "a relative path of letters, digits and . _ - separated by single /, "
            + "without . or .. segments, such as 3f/3fa2/thumb.jpg";

    private ObjectKeys() {
    }

    /** The key, when it follows the rule; otherwise throws saying what a key may be. */
    static String requireValid(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("an object key must be " + RULE + ", got " + quoted(key));
        }
        return key;
    }

    /** The prefix, when it is empty or the start of a valid key ({@code 3f/}, {@code 3f/3f}); otherwise throws. */
    static String requireValidPrefix(String prefix) {
        boolean valid = prefix != null && (prefix.isEmpty()
                || isValid(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix));
        if (!valid) {
            throw new IllegalArgumentException("a listing prefix must be empty or the start of " + RULE
                    + ", got " + quoted(prefix));
        }
        return prefix;
    }

    static boolean isValid(String key) {
        return key != null && !key.isEmpty() && Arrays.stream(key.split("/", -1)).allMatch(ObjectKeys::isSegment);
    }

    private static boolean isSegment(String segment) {
        return SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
