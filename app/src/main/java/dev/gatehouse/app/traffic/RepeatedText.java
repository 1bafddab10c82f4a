package dev.gatehouse.app.traffic;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of the short texts that repeat across traffic events (mesh, service, route and consumer names,
 * methods, hosts, directions): a full buffer holds 100,000 events, and each would otherwise keep its own copies.
 * Bounded: once it knows {@link #LIMIT} texts it starts over, so unique values (paths, ids) cannot grow it.
 */
final class RepeatedText {

    static final int LIMIT = 4096;
    private static final ConcurrentHashMap<String, String> KNOWN = new ConcurrentHashMap<>();

    private RepeatedText() {}

    /** The shared copy of {@code text} (itself the first time); null stays null. */
    static String of(String text) {
        if (text == null || text.length() > 200) {
            return text;
        }
        String known = KNOWN.putIfAbsent(text, text);
        if (known != null) {
            return known;
        }
        if (KNOWN.size() > LIMIT) {
            KNOWN.clear();
        }
        return text;
    }
}
