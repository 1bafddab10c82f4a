package dev.gatehouse.gateway.http;

import io.netty.util.AsciiString;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Header names that plugins set, escaped once ({@link HeaderEscaping#name}) and kept as Netty's {@link AsciiString},
 * whose case-insensitive hash the header map computes once. The names come from Kong's constants and plugin
 * configurations, so they are few; past {@link #LIMIT} distinct names, new ones are escaped each time and not kept.
 */
public final class EscapedHeaderNames {

    static final int LIMIT = 4096;

    private static final ConcurrentHashMap<String, AsciiString> CACHE = new ConcurrentHashMap<>();

    private EscapedHeaderNames() {}

    /** The name as {@link HeaderEscaping#name} writes it. */
    public static AsciiString of(String name) {
        AsciiString escaped = CACHE.get(name);
        if (escaped == null) {
            escaped = new AsciiString(HeaderEscaping.name(name)); // all ASCII: escaping leaves no byte above 0x7E
            if (CACHE.size() < LIMIT) {
                CACHE.putIfAbsent(name, escaped);
            }
        }
        return escaped;
    }
}
