package dev.gatehouse.gateway.proxy.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The {@code Date} header value, formatted at most once per second. */
final class HttpDate {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private record Cached(long second, String text) {}

    private static volatile Cached cached = new Cached(-1, "");

    private HttpDate() {}

    static String now() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second() != second) {
            c = new Cached(second, FORMAT.format(Instant.ofEpochSecond(second)));
            cached = c;
        }
        return c.text();
    }
}
