package dev.gatehouse.app.declarative.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kong routes as Gateway API HTTPRoutes, both ways, as the Kong Ingress Controller translates them
 * (kubernetes-ingress-controller internal/dataplane/translator/subtranslator/httproute.go): hostnames are the route's
 * hosts; each path a match, a Kong regex path ({@code ~...}) a {@code RegularExpression} match and any other a
 * {@code PathPrefix}; methods and headers in every match; one backendRef, the route's service; the other route fields
 * as the same {@code konghq.com/*} annotations an Ingress carries. KIC's HTTPRoute defaults are strip_path false
 * ("to be conformant with the Gateway API") and preserve_host true.
 *
 * <p>Read back, a {@code PathPrefix} match is the Kong path it was written from (KIC gives Kong the pair
 * {@code ~/p$} and {@code /p/}, which is the prefix {@code /p} at segment boundaries), an {@code Exact} match the
 * regex KIC makes of it ({@code ~/p$}).
 */
public final class HttpRoutes {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public static final String API_VERSION = "gateway.networking.k8s.io/v1";
    /** The GatewayClass controller name of KIC's Gateways (KIC's default --gateway-api-controller-name). */
    public static final String CONTROLLER = "konghq.com/kic-gateway-controller";

    /** How KIC marks a regex header match in Kong (KongHeaderRegexPrefix). */
    private static final String HEADER_REGEX = "~*";
    /** The alternatives the export writes for a header with several values. */
    private static final Pattern ALTERNATIVES = Pattern.compile("\\^\\((.*)\\)\\$");

    private HttpRoutes() {}

    /** An HTTPRoute for {@code route} attached to {@code gateway}, sending to port {@code port} of {@code backend}. */
    public static ObjectNode manifest(
            JsonNode route, String name, String namespace, GatewayRef gateway, String backend, int port) {
        ObjectNode manifest = KongManifests.manifest(API_VERSION, "HTTPRoute", name, namespace);
        KongManifests.routeAnnotations(manifest, route, false);
        KongManifests.tags(manifest, route);
        manifest.set("spec", spec(route, gateway, backend, port));
        return manifest;
    }

    /** An HTTPRoute's spec: the parent Gateway, the hostnames, and one rule with a match per path and method. */
    public static ObjectNode spec(JsonNode route, GatewayRef gateway, String backend, int port) {
        ObjectNode spec = JSON.objectNode();
        ObjectNode parent = spec.putArray("parentRefs").addObject();
        gateway.namespace().ifPresent(n -> parent.put("namespace", n));
        parent.put("name", gateway.name());
        routing(spec, route, backend, port);
        return spec;
    }

    /**
     * Why the console may not write {@code httpRoute}'s rules again from a Kong route: what a Kong route cannot say
     * (several rules, filters KIC turns into plugins, query parameter matches, several backends) would be lost. Empty
     * when the rules are one the console could have written.
     */
    public static Optional<String> whyNotRewritable(JsonNode httpRoute) {
        JsonNode rules = httpRoute.path("spec").path("rules");
        String kubectl = "; edit it with kubectl, or change only the fields kept in annotations";
        if (rules.size() > 1) {
            return Optional.of(
                    "this HTTPRoute has " + rules.size() + " rules, which one Kong route cannot hold" + kubectl);
        }
        for (JsonNode rule : rules) {
            if (rule.path("filters").size() > 0) {
                return Optional.of(
                        "this HTTPRoute's rule has filters, which rewriting its matches would drop" + kubectl);
            }
            if (rule.path("backendRefs").size() > 1) {
                return Optional.of(
                        "this HTTPRoute sends to several backends, which one Kong service cannot hold" + kubectl);
            }
            for (JsonNode match : rule.path("matches")) {
                if (match.path("queryParams").size() > 0) {
                    return Optional.of("this HTTPRoute matches query parameters, which a Kong route cannot" + kubectl);
                }
            }
        }
        return Optional.empty();
    }

    /** Sets {@code spec}'s hostnames and rules to the route's, leaving its parentRefs as they are. */
    public static void routing(ObjectNode spec, JsonNode route, String backend, int port) {
        spec.remove(List.of("hostnames", "rules"));
        List<String> hosts = KongManifests.texts(route.path("hosts"));
        if (!hosts.isEmpty()) {
            ArrayNode hostnames = spec.putArray("hostnames");
            hosts.forEach(hostnames::add);
        }
        ObjectNode rule = spec.putArray("rules").addObject();
        ArrayNode matches = rule.putArray("matches");
        List<String> paths = KongManifests.texts(route.path("paths"));
        List<String> methods = KongManifests.texts(route.path("methods"));
        for (String path : paths.isEmpty() ? List.of("/") : paths) {
            for (String method : methods.isEmpty() ? List.of("") : methods) {
                ObjectNode match = matches.addObject();
                ObjectNode pathMatch = match.putObject("path");
                if (path.startsWith("~")) {
                    pathMatch.put("type", "RegularExpression").put("value", path.substring(1));
                } else {
                    pathMatch.put("type", "PathPrefix").put("value", path);
                }
                if (!method.isEmpty()) {
                    match.put("method", method);
                }
                headerMatches(match, route.path("headers"));
            }
        }
        rule.putArray("backendRefs").addObject().put("name", backend).put("port", port);
    }

    private static void headerMatches(ObjectNode match, JsonNode headers) {
        if (!headers.isObject() || headers.isEmpty()) {
            return;
        }
        ArrayNode out = match.putArray("headers");
        new TreeMap<>(KongManifests.toMap(headers)).forEach((name, values) -> {
            ObjectNode header = out.addObject().put("name", name);
            List<String> list = KongManifests.texts(values);
            if (list.size() == 1 && list.getFirst().startsWith(HEADER_REGEX)) {
                // Kong's regex header value, as routeFields reads a RegularExpression match back.
                header.put("type", "RegularExpression")
                        .put("value", list.getFirst().substring(HEADER_REGEX.length()));
            } else if (list.size() == 1) {
                header.put("type", "Exact").put("value", list.getFirst());
            } else {
                header.put("type", "RegularExpression")
                        .put(
                                "value",
                                "^("
                                        + String.join(
                                                "|",
                                                list.stream()
                                                        .map(HttpRoutes::quote)
                                                        .toList()) + ")$");
            }
        });
    }

    /** The HTTPRoute's Kong route fields. */
    public static ObjectNode routeFields(JsonNode httpRoute) {
        ObjectNode out = JSON.objectNode();
        out.put("name", httpRoute.path("metadata").path("name").asText());
        JsonNode spec = httpRoute.path("spec");
        List<String> hosts = KongManifests.texts(spec.path("hostnames"));
        Set<String> paths = new LinkedHashSet<>();
        Set<String> methods = new LinkedHashSet<>();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (JsonNode rule : spec.path("rules")) {
            for (JsonNode match : rule.path("matches")) {
                JsonNode path = match.path("path");
                if (!path.isMissingNode()) {
                    String value = path.path("value").asText("/");
                    switch (path.path("type").asText("PathPrefix")) {
                        case "Exact" -> paths.add("~" + value + "$");
                        case "RegularExpression" -> paths.add("~" + value);
                        default -> paths.add(value);
                    }
                }
                if (match.hasNonNull("method")) {
                    methods.add(match.get("method").asText());
                }
                for (JsonNode header : match.path("headers")) {
                    headers.putIfAbsent(header.path("name").asText(), headerValues(header));
                }
            }
        }
        out.set("hosts", hosts.isEmpty() ? NullNode.getInstance() : array(hosts));
        out.set("paths", paths.isEmpty() ? NullNode.getInstance() : array(paths));
        KongManifests.annotatedRouteFields(httpRoute, out);
        out.set("methods", methods.isEmpty() ? NullNode.getInstance() : array(methods));
        ObjectNode headerFields = JSON.objectNode();
        headers.forEach((name, values) -> headerFields.set(name, array(values)));
        out.set("headers", headerFields.isEmpty() ? NullNode.getInstance() : headerFields);
        return out;
    }

    /** Exact: the value. RegularExpression: the values the export wrote as alternatives, else Kong's regex form. */
    private static List<String> headerValues(JsonNode header) {
        String value = header.path("value").asText();
        if (!"RegularExpression".equals(header.path("type").asText("Exact"))) {
            return List.of(value);
        }
        Matcher alternatives = ALTERNATIVES.matcher(value);
        if (alternatives.matches()) {
            List<String> values = new ArrayList<>();
            for (String quoted : alternatives.group(1).split("(?<!\\\\)\\|", -1)) {
                if (quoted.replaceAll("\\\\.", "").matches(".*[\\^$.|?*+()\\[\\]{}].*")) {
                    // Not one of the export's quoted literals: a regex of the user's.
                    return List.of(HEADER_REGEX + value);
                }
                values.add(quoted.replaceAll("\\\\(.)", "$1"));
            }
            return values;
        }
        return List.of(HEADER_REGEX + value);
    }

    /** The Service the first rule's first backendRef names, as (name, port). */
    public static Optional<Map.Entry<String, Integer>> backend(JsonNode httpRoute) {
        for (JsonNode rule : httpRoute.path("spec").path("rules")) {
            for (JsonNode ref : rule.path("backendRefs")) {
                String kind = ref.path("kind").asText("Service");
                if ("Service".equals(kind) && ref.hasNonNull("name")) {
                    return Optional.of(
                            Map.entry(ref.get("name").asText(), ref.path("port").asInt(0)));
                }
            }
        }
        return Optional.empty();
    }

    /** The Gateways the HTTPRoute attaches to ({@code parentRefs} of kind Gateway, the default). */
    public static List<GatewayRef> parents(JsonNode httpRoute) {
        List<GatewayRef> parents = new ArrayList<>();
        for (JsonNode ref : httpRoute.path("spec").path("parentRefs")) {
            if ("Gateway".equals(ref.path("kind").asText("Gateway")) && ref.hasNonNull("name")) {
                parents.add(new GatewayRef(
                        Optional.ofNullable(ref.path("namespace").asText(null)),
                        ref.get("name").asText()));
            }
        }
        return parents;
    }

    /** {@code httpRoute}'s spec with backends on port {@code from} moved to {@code to}. */
    public static ObjectNode withBackendPort(ObjectNode httpRoute, int from, int to) {
        ObjectNode copy = httpRoute.deepCopy();
        for (JsonNode rule : copy.path("spec").path("rules")) {
            for (JsonNode ref : rule.path("backendRefs")) {
                if (ref instanceof ObjectNode backend && backend.path("port").asInt() == from) {
                    backend.put("port", to);
                }
            }
        }
        return copy;
    }

    /** A literal as a regex matching only itself. */
    private static String quote(String literal) {
        return literal.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }

    private static ArrayNode array(Iterable<String> items) {
        ArrayNode out = JSON.arrayNode();
        items.forEach(out::add);
        return out;
    }
}
