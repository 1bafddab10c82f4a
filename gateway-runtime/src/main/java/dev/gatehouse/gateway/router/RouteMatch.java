package dev.gatehouse.gateway.router;

import dev.gatehouse.gateway.proxy.ProxyRoute;
import java.util.Map;

/**
 * The route the router chose: the route, the part of the path that matched (a prefix, or the whole regex match;
 * null when the route has no paths) and the regex's captures (Kong's {@code router_matches.uri_captures}: numbered
 * and named groups; null when the match has none).
 */
public record RouteMatch(ProxyRoute route, String matchedPath, Map<String, String> uriCaptures) {

    /** Kong's {@code match_t.prefix}: the matched path when the route strips it, else null. */
    public String strippedPrefix() {
        return route.stripPath() ? matchedPath : null;
    }
}
