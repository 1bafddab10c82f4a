package dev.gatehouse.gateway.router;

import java.nio.charset.StandardCharsets;

/**
 * Kong's {@code traditional_compatible} route priority ({@code get_priority} in {@code kong/router/transform.lua}),
 * a 64-bit unsigned value, most significant first: match weight (bits 61-63: one per non-empty sources,
 * destinations, methods, hosts, headers, snis, paths), plain hosts only (bit 60), header count (52-59), regex path
 * (51), regex_priority (19-50), plain path length (0-18). Routes are tried in descending priority, ties broken by
 * descending route id (the ATC router's {@code BTreeMap<(priority, uuid)>} iterated in reverse).
 *
 * <p>Deviation, on purpose: Kong's Lua code shifts Lua numbers with LuaJIT's 32-bit {@code bit.lshift} (its
 * {@code lshift_uint64} helper rebinds a variable instead of writing the uint64 cdata), so on a real Kong the
 * weight, header count and regex priority land in lower bits than its own layout says. This class implements the
 * layout as documented and intended; {@code regex_priority} is stored offset by 2^31 so negative values order below
 * zero.
 */
final class RoutePriority {

    static final long PLAIN_HOST_ONLY_BIT = 1L << 60;
    static final long REGEX_URL_BIT = 1L << 51;
    private static final int MAX_HEADER_COUNT = 255;

    private RoutePriority() {}

    /**
     * @param hostsField null when the route has no {@code hosts} field at all (Kong checks the field's type, so an
     *     empty array still counts as "plain hosts only")
     * @param firstPath the route's first path after splitting (all paths of one split route share regex-ness and
     *     length), or null
     */
    static long of(
            int matchWeight, String[] hostsField, int headerCount, String firstPath, boolean regex, int regexPriority) {
        boolean plainHostOnly = hostsField != null;
        if (hostsField != null) {
            for (String h : hostsField) {
                if (h.indexOf('*') >= 0) {
                    plainHostOnly = false;
                    break;
                }
            }
        }
        long uriLength = 0;
        if (firstPath != null && !regex) {
            uriLength = firstPath.getBytes(StandardCharsets.UTF_8).length;
        }
        long regexField = regex ? ((long) regexPriority + (1L << 31)) & 0xFFFFFFFFL : 0;
        return ((long) matchWeight << 61)
                | (plainHostOnly ? PLAIN_HOST_ONLY_BIT : 0)
                | ((long) Math.min(headerCount, MAX_HEADER_COUNT) << 52)
                | (regex ? REGEX_URL_BIT : 0)
                | (regexField << 19)
                | (uriLength & 0x7FFFF);
    }
}
