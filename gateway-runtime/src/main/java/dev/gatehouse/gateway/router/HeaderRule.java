package dev.gatehouse.gateway.router;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One key of a route's {@code headers}: any request value (lower-cased) equals one of the lower-cased values, or
 * is found by one of the {@code ~*} regexes (Kong's {@code any(lower(http.headers.x)) == / ~}).
 */
record HeaderRule(String name, List<String> values, List<Pattern> regexes) {

    static HeaderRule of(String name, List<String> configured) {
        List<String> plain = new java.util.ArrayList<>();
        List<Pattern> regexes = new java.util.ArrayList<>();
        for (String v : configured) {
            if (v.startsWith("~*")) {
                regexes.add(Pattern.compile(v.substring(2).toLowerCase(Locale.ROOT)));
            } else {
                plain.add(v.toLowerCase(Locale.ROOT));
            }
        }
        return new HeaderRule(RouteRequest.normalize(name), List.copyOf(plain), List.copyOf(regexes));
    }

    boolean matches(RouteRequest request) {
        List<String> actual = request.header(name);
        if (actual == null) {
            return false;
        }
        for (String a : actual) {
            if (values.contains(a)) {
                return true;
            }
            for (Pattern p : regexes) {
                if (p.matcher(a).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
