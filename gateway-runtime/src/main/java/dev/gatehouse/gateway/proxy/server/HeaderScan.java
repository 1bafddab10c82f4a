package dev.gatehouse.gateway.proxy.server;

import dev.gatehouse.gateway.http.HeaderFieldRules;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;

/**
 * One pass over a message's headers telling which of a set of names are present, so the proxy only removes headers
 * that exist and adds (rather than replaces) the ones that do not: each skipped lookup is a hash and a bucket scan
 * saved on every request.
 */
final class HeaderScan {

    /** What {@link #scanChecked} returns for a message with an invalid header. */
    static final long INVALID = 1L << 63;

    private final AsciiString[] names;
    /** Netty's case-insensitive hash of each name, as the header map already holds for every name it stores. */
    private final int[] hashes;

    HeaderScan(AsciiString... names) {
        if (names.length > 63) {
            throw new IllegalArgumentException("at most 63 names");
        }
        this.names = names;
        this.hashes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            hashes[i] = AsciiString.hashCode(names[i]);
        }
    }

    /** Bit {@code i} is set when {@code names[i]} is present (case-insensitively). */
    long scan(HttpHeaders headers) {
        return scan(headers, false);
    }

    /**
     * As {@link #scan}, and {@link #INVALID} alone when a name or value breaks {@link HeaderFieldRules} (what nginx
     * calls an invalid header): the check rides on the pass the proxy makes over a message's headers anyway.
     */
    long scanChecked(HttpHeaders headers) {
        return scan(headers, true);
    }

    private long scan(HttpHeaders headers, boolean check) {
        long found = 0;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            CharSequence name = e.getKey();
            if (check && (!HeaderFieldRules.validName(name) || !HeaderFieldRules.validValue(e.getValue()))) {
                return INVALID;
            }
            // a name the decoder made caches its hash (the header map asked for it); a String's costs one pass
            int hash = AsciiString.hashCode(name);
            for (int i = 0; i < names.length; i++) {
                if (hashes[i] == hash && names[i].contentEqualsIgnoreCase(name)) {
                    found |= 1L << i;
                    break;
                }
            }
        }
        return found;
    }

    static boolean has(long found, int index) {
        return (found & (1L << index)) != 0;
    }

    /** Sets a header, or adds it when the scan saw none (no removal pass). */
    static void put(HttpHeaders h, long found, int index, AsciiString name, Object value) {
        if (has(found, index)) {
            h.set(name, value);
        } else {
            h.add(name, value);
        }
    }
}
