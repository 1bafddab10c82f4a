package dev.gatehouse.app.page;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** HTTP headers written one per line as {@code Name: value}, the way people type them. */
public final class HeaderLines {

    private static final String TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";

    private HeaderLines() {}

    /** The headers in {@code text}; empty when a non-blank line is not {@code Name: value} with a valid name. */
    public static Optional<Map<String, String>> parse(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : (text == null ? "" : text).split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).strip().matches(TOKEN)) {
                return Optional.empty();
            }
            headers.put(
                    line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return Optional.of(headers);
    }

    /** The reverse of {@link #parse}. */
    public static String format(Map<String, String> headers) {
        StringBuilder text = new StringBuilder();
        headers.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        return text.toString().strip();
    }
}
