package dev.gatehouse.gateway.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.expression.Expression;
import dev.gatehouse.gateway.expression.MatchResult;
import dev.gatehouse.gateway.expression.RouterFlavor;
import dev.gatehouse.gateway.proxy.ProxyRoute;
import dev.gatehouse.gateway.schema.HttpSubsystem;
import dev.gatehouse.gateway.uuid.KongUuid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong 3.x's {@code traditional_compatible} router, immutable: built from the routes of one configuration snapshot
 * and swapped whole when the configuration changes. Rules are ranked by {@link RoutePriority}; a request only tests
 * the rules indexed under its host (exact name, each wildcard suffix or prefix, and the host-less bucket) and along
 * its path (a trie), in rank order, so matching cost stays nearly flat as routes grow. In the {@code expressions}
 * flavor, routes that carry an expression are tried first, one after the other, as atc-router does.
 */
public final class Router {

    /** One route to load: the runtime route and its stored entity (the matching fields). */
    public record Source(ProxyRoute route, ObjectNode entity) {}

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final UUID SPLIT_NAMESPACE = UUID.fromString("7f145bf9-0dce-4f91-98eb-debbce4b9f6b");

    private static final long ANY_METHOD = -1;
    private static final int SLOW = 1; // headers, SNIs, host ports or an unusual method: the rule checks itself
    private static final int PLAIN_PATHS = 2;
    private static final int NO_PATHS = 4;

    private final ExpressionRule[] expressionRules;
    private final MatchRule[] rules;
    // hot fields of each rule by rank, in arrays: most matches never touch the rule objects
    private final long[] methodMasks;
    private final int[] flags;
    private final ProxyRoute[] routes;
    private final String[] singlePrefix;
    private final Map<String, PathIndex> exactHosts;
    private final Map<String, PathIndex> suffixHosts;
    private final Map<String, PathIndex> prefixHosts;
    private final PathIndex anyHost;

    private Router(
            ExpressionRule[] expressionRules,
            MatchRule[] rules,
            Map<String, PathIndex> exactHosts,
            Map<String, PathIndex> suffixHosts,
            Map<String, PathIndex> prefixHosts,
            PathIndex anyHost) {
        this.expressionRules = expressionRules;
        this.rules = rules;
        this.methodMasks = new long[rules.length];
        this.flags = new int[rules.length];
        this.routes = new ProxyRoute[rules.length];
        this.singlePrefix = new String[rules.length];
        for (int i = 0; i < rules.length; i++) {
            MatchRule r = rules[i];
            boolean unusualMethod = r.methods != null
                    && java.util.Arrays.stream(r.methods).anyMatch(m -> RouteRequest.methodBit(m) == 0);
            methodMasks[i] = r.methods == null ? ANY_METHOD : r.methodMask;
            int f = 0;
            if (r.headers != null || r.snis != null || r.hostPorts || unusualMethod || r.netFilter != null) {
                f |= SLOW;
            }
            if (r.prefixes.length > 0 && r.regexes.length == 0) {
                f |= PLAIN_PATHS;
                singlePrefix[i] = r.prefixes.length == 1 ? r.prefixes[0] : null;
            }
            if (!r.hasPaths()) {
                f |= NO_PATHS;
            }
            flags[i] = f;
            routes[i] = r.route;
        }
        this.exactHosts = exactHosts;
        this.suffixHosts = suffixHosts;
        this.prefixHosts = prefixHosts;
        this.anyHost = anyHost;
    }

    /** The number of ATC rules (routes after splitting by path group, and expression routes). */
    public int size() {
        return rules.length + expressionRules.length;
    }

    /** The highest-priority route matching the request, or null (Kong's 404 {@code no Route matched}). */
    public RouteMatch match(RouteRequest request) {
        if (expressionRules.length > 0) {
            RequestFields fields = new RequestFields(request);
            MatchResult result = new MatchResult();
            for (ExpressionRule r : expressionRules) {
                RouteMatch m = r.match(fields, result);
                if (m != null) {
                    return m;
                }
            }
        }
        Candidates c = new Candidates();
        String host = request.host();
        String path = request.path();
        if (host != null) {
            PathIndex exact = exactHosts.get(host);
            if (exact != null) {
                exact.collect(path, c);
            }
            if (!suffixHosts.isEmpty() || !prefixHosts.isEmpty()) {
                for (int i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
                    if (!suffixHosts.isEmpty()) {
                        PathIndex s = suffixHosts.get(host.substring(i));
                        if (s != null) {
                            s.collect(path, c);
                        }
                    }
                    if (!prefixHosts.isEmpty()) {
                        PathIndex p = prefixHosts.get(host.substring(0, i + 1));
                        if (p != null) {
                            p.collect(path, c);
                        }
                    }
                }
            }
        }
        anyHost.collect(path, c);
        long bit = -2;
        for (int rank = c.next(); rank >= 0; rank = c.next()) {
            int f = flags[rank];
            if ((f & SLOW) == 0) {
                long mask = methodMasks[rank];
                if (mask != ANY_METHOD) {
                    if (bit == -2) {
                        bit = request.methodBit();
                    }
                    if ((mask & bit) == 0) {
                        continue; // includes methods outside the common set: such a rule would be SLOW
                    }
                }
                if ((f & NO_PATHS) != 0) {
                    return new RouteMatch(routes[rank], null, null);
                }
                int len = c.prefixLength();
                if ((f & PLAIN_PATHS) != 0 && len >= 0) {
                    // the index walked one of this rule's prefixes (all of one length): that many characters of the
                    // path
                    String p = singlePrefix[rank];
                    return new RouteMatch(routes[rank], p != null ? p : path.substring(0, len), null);
                }
            }
            RouteMatch m = rules[rank].match(request, c.prefixLength());
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** Builds a {@code traditional_compatible} router. */
    public static Router build(List<Source> sources, Router previous) {
        return build(sources, previous, RouterFlavor.TRADITIONAL_COMPATIBLE);
    }

    /** Builds a router; {@code previous} (may be null) lends its compiled regexes to avoid recompiling them. */
    public static Router build(List<Source> sources, Router previous, RouterFlavor flavor) {
        List<ExpressionRule> expressions = new ArrayList<>();
        Map<String, ExpressionRule> previousExpressions = new HashMap<>();
        if (previous != null) {
            for (ExpressionRule r : previous.expressionRules) {
                previousExpressions.put(r.id, r);
            }
        }
        Map<String, Pattern> regexCache = new HashMap<>();
        if (previous != null) {
            for (MatchRule r : previous.rules) {
                for (Pattern p : r.regexes) {
                    regexCache.put(p.pattern(), p);
                }
            }
        }
        List<MatchRule> all = new ArrayList<>();
        for (Source s : sources) {
            if (!HttpSubsystem.includedIn(s.entity().get("protocols"))) {
                continue;
            }
            JsonNode expression = s.entity().get("expression");
            if (expression != null && expression.isTextual()) {
                if (flavor != RouterFlavor.EXPRESSIONS) {
                    // stored while the gateway ran the expressions flavor: without its expression it would match all
                    LOG.warn(
                            "route {} has an expression, which router_flavor {} ignores: the route is left out",
                            s.route().id(),
                            flavor.configName());
                    continue;
                }
                try {
                    expressions.add(ExpressionRule.reuseOrCompile(
                            previousExpressions.get(s.route().id()),
                            s.route(),
                            expression.asText(),
                            s.entity().path("priority").asLong(0),
                            protocols(s.entity())));
                } catch (IllegalArgumentException e) {
                    LOG.warn(
                            "route {} is left out: its expression does not compile: {}",
                            s.route().id(),
                            e.getMessage());
                }
                continue;
            }
            int before = all.size();
            split(s, regexCache, all);
            if (flavor == RouterFlavor.EXPRESSIONS) {
                Expression filter = NetExpressions.of(s.entity());
                if (filter != null) {
                    for (int i = before; i < all.size(); i++) {
                        all.get(i).netFilter = filter;
                    }
                }
            }
        }
        expressions.sort(ExpressionRule::compare);
        all.sort(MatchRule::compare);
        MatchRule[] rules = all.toArray(MatchRule[]::new);
        Map<String, String> canonical = new HashMap<>(); // one String per host name: compared right after the lookup
        for (MatchRule r : rules) {
            if (r.hosts != null) {
                for (int h = 0; h < r.hosts.length; h++) {
                    HostPattern p = r.hosts[h];
                    r.hosts[h] = new HostPattern(p.kind(), canonical.computeIfAbsent(p.value(), v -> v), p.port());
                }
            }
        }
        Map<String, PathIndex.Builder> exact = new HashMap<>();
        Map<String, PathIndex.Builder> suffix = new HashMap<>();
        Map<String, PathIndex.Builder> prefix = new HashMap<>();
        PathIndex.Builder any = new PathIndex.Builder();
        for (int i = 0; i < rules.length; i++) {
            MatchRule r = rules[i];
            r.rank = i;
            if (r.hosts == null) {
                any.add(r);
                continue;
            }
            for (HostPattern h : r.hosts) {
                Map<String, PathIndex.Builder> m = switch (h.kind()) {
                    case EXACT -> exact;
                    case SUFFIX -> suffix;
                    case PREFIX -> prefix;
                };
                m.computeIfAbsent(h.value(), k -> new PathIndex.Builder()).add(r);
            }
        }
        return new Router(
                expressions.toArray(ExpressionRule[]::new),
                rules,
                freeze(exact),
                freeze(suffix),
                freeze(prefix),
                any.build());
    }

    private static Map<String, PathIndex> freeze(Map<String, PathIndex.Builder> m) {
        Map<String, PathIndex> out = new HashMap<>(Math.max(4, m.size() * 2));
        m.forEach((k, v) -> out.put(k, v.build()));
        return out;
    }

    /** Kong's {@code split_routes_and_services_by_path}: one rule per regex-or-length group of paths. */
    private static void split(Source s, Map<String, Pattern> regexCache, List<MatchRule> out) {
        ObjectNode e = s.entity();
        String id = s.route().id();
        List<String> paths = strings(e.get("paths"));
        if (paths == null || paths.size() <= 1) {
            out.add(rule(id, s, e, paths, regexCache));
            return;
        }
        Map<Integer, List<String>> groups = new LinkedHashMap<>();
        for (String p : paths) {
            int key = p.startsWith("~") ? 0 : p.length();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        if (groups.size() == 1) {
            out.add(rule(id, s, e, paths, regexCache));
            return;
        }
        int index = 1;
        for (List<String> group : groups.values()) {
            String splitId = KongUuid.v5(SPLIT_NAMESPACE, id + "#" + index++).toString();
            out.add(rule(splitId, s, e, group, regexCache));
        }
    }

    private static MatchRule rule(
            String id, Source s, ObjectNode e, List<String> paths, Map<String, Pattern> regexCache) {
        int weight = 0;
        List<String> methods = strings(e.get("methods"));
        if (methods != null && !methods.isEmpty()) {
            weight++;
        }
        List<String> hosts = strings(e.get("hosts"));
        if (hosts != null && !hosts.isEmpty()) {
            weight++;
        }
        JsonNode headersNode = e.get("headers");
        List<HeaderRule> headers = new ArrayList<>();
        if (headersNode != null && headersNode.isObject()) {
            headersNode.properties().forEach(h -> headers.add(HeaderRule.of(h.getKey(), strings(h.getValue()))));
        }
        if (!headers.isEmpty()) {
            weight++;
        }
        List<String> snis = strings(e.get("snis"));
        if (snis != null && !snis.isEmpty()) {
            weight++;
        }
        if (nonEmpty(e.get("sources"))) {
            weight++;
        }
        if (nonEmpty(e.get("destinations"))) {
            weight++;
        }
        List<String> prefixes = new ArrayList<>();
        List<Pattern> regexes = new ArrayList<>();
        boolean regex = false;
        if (paths != null && !paths.isEmpty()) {
            weight++;
            for (String p : paths) {
                if (p.startsWith("~")) {
                    regex = true;
                    regexes.add(regexCache.computeIfAbsent(p.substring(1), Pattern::compile));
                } else {
                    prefixes.add(p);
                }
            }
        }
        long priority = RoutePriority.of(
                weight,
                hosts == null ? null : hosts.toArray(String[]::new),
                headers.size(),
                paths == null || paths.isEmpty() ? null : paths.get(0),
                regex,
                e.path("regex_priority").asInt(0));
        return new MatchRule(
                id,
                s.route(),
                priority,
                methods == null || methods.isEmpty() ? null : methods.toArray(String[]::new),
                hosts == null || hosts.isEmpty()
                        ? null
                        : hosts.stream().map(HostPattern::parse).toArray(HostPattern[]::new),
                prefixes.toArray(String[]::new),
                regexes.toArray(Pattern[]::new),
                headers.isEmpty() ? null : headers.toArray(HeaderRule[]::new),
                snis == null || snis.isEmpty()
                        ? null
                        : snis.stream().map(Router::sniPattern).toArray(HostPattern[]::new));
    }

    /** Kong's {@code sni_val_transform}: the last dot of an FQDN is not used for routing. */
    private static HostPattern sniPattern(String sni) {
        String s = sni;
        if (s.length() > 1 && s.endsWith(".") && !s.endsWith("*")) {
            s = s.substring(0, s.length() - 1);
        }
        HostPattern p = HostPattern.parse(s);
        return new HostPattern(p.kind(), p.value(), -1);
    }

    private static List<String> protocols(ObjectNode route) {
        List<String> p = strings(route.get("protocols"));
        return p == null ? List.of("http", "https") : p;
    }

    private static boolean nonEmpty(JsonNode n) {
        return n != null && n.isArray() && !n.isEmpty();
    }

    private static List<String> strings(JsonNode n) {
        if (n == null || !n.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>(n.size());
        n.forEach(v -> out.add(v.asText()));
        return out;
    }
}
