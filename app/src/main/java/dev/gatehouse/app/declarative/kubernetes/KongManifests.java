package dev.gatehouse.app.declarative.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.SortedYaml;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the Kong Ingress Controller (KIC) reads Kong entities from Kubernetes objects, both ways: Kong-shaped
 * services, routes, plugins, consumers and credentials written as a Service, an Ingress, a KongPlugin or
 * KongClusterPlugin, a KongConsumer and credential Secrets, and those objects read back as Kong fields with KIC's
 * defaults. The Kubernetes export and the Kubernetes gateway repository share it, so both speak the same
 * annotations (KIC internal/annotations/annotations.go).
 */
public final class KongManifests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public static final String KONG = "configuration.konghq.com/v1";
    public static final String PLUGINS = "konghq.com/plugins";
    public static final String INGRESS_CLASS = "kubernetes.io/ingress.class";
    public static final String CREDENTIAL = "konghq.com/credential";
    public static final String TAGS = "konghq.com/tags";
    /** KIC's default ingress class (internal/annotations/annotations.go DefaultIngressClass). */
    public static final String CLASS = "kong";
    /** The label that makes a KongClusterPlugin global (KIC internal/store/store.go). */
    public static final String GLOBAL = "global";

    private static final String HEADERS = "konghq.com/headers.";

    /** A plugin's protocols when none are given (Kong's typedefs.protocols_http). */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("grpc", "grpcs", "http", "https");

    /** The protocols the KongPlugin and KongClusterPlugin CRDs accept (their KongProtocol enum). */
    private static final List<String> CRD_PROTOCOLS = List.of("http", "https", "grpc", "grpcs", "tcp", "tls", "udp");

    /** Kong's defaults (Admin API), in a fixed order: a field at its default is not written as an annotation. */
    private static final Map<String, Long> SERVICE_DEFAULTS = orderedDefaults();

    /** The Service annotations a Kong service's fields become; others on a Service are left alone. */
    public static final List<String> SERVICE_ANNOTATIONS = List.of(
            "konghq.com/protocol",
            "konghq.com/path",
            "konghq.com/connect-timeout",
            "konghq.com/read-timeout",
            "konghq.com/write-timeout",
            "konghq.com/retries",
            TAGS);

    /** The Ingress annotations a Kong route's fields become, besides {@code konghq.com/headers.*}. */
    public static final List<String> ROUTE_ANNOTATIONS = List.of(
            "konghq.com/strip-path",
            "konghq.com/preserve-host",
            "konghq.com/protocols",
            "konghq.com/methods",
            "konghq.com/regex-priority",
            "konghq.com/snis",
            "konghq.com/https-redirect-status-code",
            "konghq.com/path-handling",
            "konghq.com/request-buffering",
            "konghq.com/response-buffering",
            TAGS);

    private KongManifests() {}

    private static Map<String, Long> orderedDefaults() {
        Map<String, Long> defaults = new LinkedHashMap<>();
        defaults.put("connect_timeout", 60000L);
        defaults.put("read_timeout", 60000L);
        defaults.put("write_timeout", 60000L);
        defaults.put("retries", 5L);
        return defaults;
    }

    // ---- Kong entity to manifest

    public static ObjectNode manifest(String apiVersion, String kind, String name, String namespace) {
        ObjectNode manifest = JSON.objectNode().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode metadata = manifest.putObject("metadata").put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        return manifest;
    }

    public static ObjectNode annotations(ObjectNode manifest) {
        return ((ObjectNode) manifest.get("metadata")).withObjectProperty("annotations");
    }

    /** Kong tags as KIC's {@code konghq.com/tags} annotation, which KIC adds to the entity it makes. */
    public static void tags(ObjectNode manifest, JsonNode entity) {
        List<String> tags = texts(entity.path("tags"));
        if (!tags.isEmpty()) {
            annotations(manifest).put(TAGS, String.join(",", tags));
        }
    }

    /**
     * The Service a route's backend names: an ExternalName to the Kong service's host and port, its other fields as
     * KIC's service annotations.
     */
    public static ObjectNode service(JsonNode service, String name, String namespace) {
        ObjectNode manifest = manifest("v1", "Service", name, namespace);
        serviceAnnotations(service).forEach(annotations(manifest)::put);
        if (annotations(manifest).isEmpty()) {
            ((ObjectNode) manifest.get("metadata")).remove("annotations");
        }
        String protocol = service.path("protocol").asText("http");
        ObjectNode spec = manifest.putObject("spec");
        spec.put("type", "ExternalName");
        spec.put("externalName", service.path("host").asText());
        spec.putArray("ports")
                .addObject()
                .put("name", protocol.replace('_', '-'))
                .put("port", port(service))
                .put("protocol", "TCP");
        return manifest;
    }

    /** The annotations of {@link #SERVICE_ANNOTATIONS} that {@code service}'s fields need (none at Kong's default). */
    public static Map<String, String> serviceAnnotations(JsonNode service) {
        Map<String, String> out = new LinkedHashMap<>();
        String protocol = service.path("protocol").asText("http");
        if (!"http".equals(protocol)) {
            out.put("konghq.com/protocol", protocol);
        }
        if (service.hasNonNull("path")) {
            out.put("konghq.com/path", service.get("path").asText());
        }
        SERVICE_DEFAULTS.forEach((field, fallback) -> {
            if (service.hasNonNull(field) && service.get(field).asLong() != fallback) {
                out.put(
                        "konghq.com/" + field.replace('_', '-'),
                        service.get(field).asText());
            }
        });
        List<String> tags = texts(service.path("tags"));
        if (!tags.isEmpty()) {
            out.put(TAGS, String.join(",", tags));
        }
        return out;
    }

    /** An Ingress of class {@code kong} for {@code route}, sending to port {@code port} of Service {@code backend}. */
    public static ObjectNode ingress(JsonNode route, String name, String namespace, String backend, int port) {
        ObjectNode manifest = manifest("networking.k8s.io/v1", "Ingress", name, namespace);
        routeAnnotations(manifest, route, true);
        tags(manifest, route);
        manifest.set("spec", ingressSpec(route, backend, port));
        return manifest;
    }

    /** An Ingress's spec: one rule per host (or one without), each with the route's paths. */
    public static ObjectNode ingressSpec(JsonNode route, String backend, int port) {
        ObjectNode spec = JSON.objectNode();
        spec.put("ingressClassName", CLASS);
        ArrayNode rules = spec.putArray("rules");
        List<String> hosts = texts(route.path("hosts"));
        for (String host : hosts.isEmpty() ? List.of("") : hosts) {
            ObjectNode rule = rules.addObject();
            if (!host.isEmpty()) {
                rule.put("host", host);
            }
            ArrayNode paths = rule.putObject("http").putArray("paths");
            List<String> kongPaths = texts(route.path("paths"));
            for (String path : kongPaths.isEmpty() ? List.of("/") : kongPaths) {
                ObjectNode entry = paths.addObject();
                // KIC passes ImplementationSpecific paths to Kong as they are, and reads a leading "/~" as
                // Kong's regex marker "~".
                entry.put("path", path.startsWith("~") ? "/" + path : path);
                entry.put("pathType", "ImplementationSpecific");
                ObjectNode service = entry.putObject("backend").putObject("service");
                service.put("name", backend);
                service.putObject("port").put("number", port);
            }
        }
        return spec;
    }

    /**
     * The route's fields as KIC annotations. strip-path and preserve-host are always written: KIC's defaults differ
     * from Kong's (strip_path false, preserve_host true), so leaving them out would change the route.
     */
    public static void routeAnnotations(ObjectNode manifest, JsonNode route, boolean ingress) {
        ObjectNode annotations = annotations(manifest);
        annotations.put(
                "konghq.com/strip-path", String.valueOf(route.path("strip_path").asBoolean(true)));
        annotations.put(
                "konghq.com/preserve-host",
                String.valueOf(route.path("preserve_host").asBoolean(false)));
        List<String> protocols = texts(route.path("protocols"));
        if (!protocols.isEmpty() && !protocols.equals(List.of("http", "https"))) {
            annotations.put("konghq.com/protocols", String.join(",", protocols));
        }
        if (ingress) {
            List<String> methods = texts(route.path("methods"));
            if (!methods.isEmpty()) {
                annotations.put("konghq.com/methods", String.join(",", methods));
            }
            JsonNode headers = route.path("headers");
            if (headers.isObject()) {
                new TreeMap<>(toMap(headers))
                        .forEach((name, values) -> annotations.put(HEADERS + name, String.join(",", texts(values))));
            }
            if (route.path("regex_priority").asLong(0) != 0) {
                annotations.put(
                        "konghq.com/regex-priority", route.get("regex_priority").asText());
            }
        }
        List<String> snis = texts(route.path("snis"));
        if (!snis.isEmpty()) {
            annotations.put("konghq.com/snis", String.join(",", snis));
        }
        if (route.path("https_redirect_status_code").asInt(426) != 426) {
            annotations.put(
                    "konghq.com/https-redirect-status-code",
                    route.get("https_redirect_status_code").asText());
        }
        if (route.hasNonNull("path_handling")
                && !"v0".equals(route.get("path_handling").asText())) {
            annotations.put(
                    "konghq.com/path-handling", route.get("path_handling").asText());
        }
        for (String buffering : List.of("request_buffering", "response_buffering")) {
            if (!route.path(buffering).asBoolean(true)) {
                annotations.put("konghq.com/" + buffering.replace('_', '-'), "false");
            }
        }
    }

    /**
     * The name a plugin's KongPlugin is given: its instance_name, else its type for a global plugin, else the
     * names of the objects it is on and its type ({@code demo-rt-key-auth}).
     */
    public static String pluginName(JsonNode plugin, List<String> targets) {
        String type = plugin.path("name").asText();
        if (plugin.hasNonNull("instance_name")) {
            return plugin.get("instance_name").asText();
        }
        return targets.isEmpty() ? type : String.join("-", targets) + "-" + type;
    }

    /**
     * A KongPlugin in {@code namespace}, or a global KongClusterPlugin (labelled {@code global: "true"}) when
     * {@code namespace} is null. What the CRD cannot hold is added to {@code notes}.
     */
    public static ObjectNode plugin(JsonNode plugin, String name, String namespace, List<String> notes) {
        boolean global = namespace == null;
        ObjectNode manifest = manifest(KONG, global ? "KongClusterPlugin" : "KongPlugin", name, namespace);
        if (global) {
            // KIC applies a KongClusterPlugin labelled global: "true" to every request; it reads only those of its
            // ingress class (developer.konghq.com/kubernetes-ingress-controller/reference/custom-resources).
            ((ObjectNode) manifest.get("metadata")).putObject("labels").put(GLOBAL, "true");
            annotations(manifest).put(INGRESS_CLASS, CLASS);
        }
        tags(manifest, plugin);
        pluginBody(manifest, plugin, notes);
        return manifest;
    }

    /** The plugin's fields at a KongPlugin's top level (not under spec): plugin, config, disabled, protocols... */
    public static void pluginBody(ObjectNode manifest, JsonNode plugin, List<String> notes) {
        manifest.put("plugin", plugin.path("name").asText());
        JsonNode config = plugin.get("config");
        if (config != null && config.isObject() && !config.isEmpty()) {
            manifest.set("config", SortedYaml.sorted(config));
        }
        if (plugin.has("enabled") && !plugin.get("enabled").asBoolean(true)) {
            manifest.put("disabled", true);
        }
        protocols(manifest, plugin, notes);
        for (String field : List.of("ordering", "instance_name")) {
            if (plugin.hasNonNull(field)) {
                manifest.set(field, SortedYaml.sorted(plugin.get(field)));
            }
        }
    }

    /**
     * A plugin's protocols: left out at Kong's default for HTTP plugins; otherwise those the CRD's enum accepts
     * (a KongPlugin with another would be refused), with a note for any left out.
     */
    private static void protocols(ObjectNode manifest, JsonNode plugin, List<String> notes) {
        List<String> protocols = texts(plugin.path("protocols"));
        if (protocols.isEmpty() || new HashSet<>(protocols).equals(new HashSet<>(DEFAULT_PROTOCOLS))) {
            return;
        }
        List<String> accepted =
                protocols.stream().filter(CRD_PROTOCOLS::contains).toList();
        if (accepted.size() < protocols.size()) {
            notes.add("plugin " + manifest.path("metadata").path("name").asText() + ": protocols "
                    + String.join(
                            ",",
                            protocols.stream()
                                    .filter(p -> !CRD_PROTOCOLS.contains(p))
                                    .toList())
                    + " are left out, the KongPlugin CRD does not accept them.");
        }
        if (!accepted.isEmpty()) {
            ArrayNode out = manifest.putArray("protocols");
            accepted.forEach(out::add);
        }
    }

    /** A KongConsumer of class {@code kong} naming its credential Secrets. */
    public static ObjectNode consumer(JsonNode consumer, String name, String namespace, List<String> credentials) {
        ObjectNode manifest = manifest(KONG, "KongConsumer", name, namespace);
        annotations(manifest).put(INGRESS_CLASS, CLASS);
        tags(manifest, consumer);
        consumerBody(manifest, consumer);
        if (!credentials.isEmpty()) {
            ArrayNode list = manifest.putArray("credentials");
            credentials.forEach(list::add);
        }
        return manifest;
    }

    /** A consumer's username and custom_id at a KongConsumer's top level. */
    public static void consumerBody(ObjectNode manifest, JsonNode consumer) {
        for (String field : List.of("username", "custom_id")) {
            if (consumer.hasNonNull(field)) {
                manifest.put(field, consumer.get(field).asText());
            } else {
                manifest.remove(field);
            }
        }
    }

    /**
     * A credential Secret as KIC reads it (labelled {@code konghq.com/credential: <type>}, the value under
     * {@code stringData}, which the API server turns into base64 {@code data}).
     */
    public static ObjectNode credential(String name, String namespace, String type, JsonNode credential, String field) {
        ObjectNode secret = manifest("v1", "Secret", name, namespace);
        ((ObjectNode) secret.get("metadata")).putObject("labels").put(CREDENTIAL, type);
        tags(secret, credential);
        secret.put("type", "Opaque");
        secret.putObject("stringData").put(field, credential.path(field).asText());
        return secret;
    }

    public static int port(JsonNode service) {
        if (service.hasNonNull("port")) {
            return service.get("port").asInt();
        }
        return "https".equals(service.path("protocol").asText()) ? 443 : 80;
    }

    // ---- manifest to Kong fields

    /** Whether KIC takes {@code ingress} as its own: class {@code kong} by field or by the older annotation. */
    public static boolean isKongIngress(JsonNode ingress) {
        return CLASS.equals(ingress.path("spec").path("ingressClassName").asText())
                || CLASS.equals(annotation(ingress, INGRESS_CLASS).orElse(""));
    }

    /** The KongPlugin and KongClusterPlugin names {@code konghq.com/plugins} lists on an object. */
    public static List<String> pluginNames(JsonNode manifest) {
        return annotation(manifest, PLUGINS).map(KongManifests::commaList).orElse(List.of());
    }

    public static Optional<String> annotation(JsonNode manifest, String key) {
        JsonNode value = manifest.path("metadata").path("annotations").get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /**
     * A Service's Kong service fields (all of Kong's, unset ones null): host is the ExternalName's target, or the
     * Service's cluster name when it selects pods (KIC then balances over its endpoints); port is the first port.
     */
    public static ObjectNode serviceFields(JsonNode manifest) {
        JsonNode spec = manifest.path("spec");
        ObjectNode out = JSON.objectNode();
        out.put("name", manifest.path("metadata").path("name").asText());
        out.put("protocol", annotation(manifest, "konghq.com/protocol").orElse("http"));
        out.put(
                "host",
                "ExternalName".equals(spec.path("type").asText())
                        ? spec.path("externalName").asText()
                        : manifest.path("metadata").path("name").asText() + "."
                                + manifest.path("metadata").path("namespace").asText() + ".svc");
        out.put("port", spec.path("ports").path(0).path("port").asInt(80));
        nullable(out, "path", annotation(manifest, "konghq.com/path"));
        SERVICE_DEFAULTS.forEach((field, fallback) -> out.put(
                field,
                annotation(manifest, "konghq.com/" + field.replace('_', '-'))
                        .map(Long::parseLong)
                        .orElse(fallback)));
        out.set("tags", list(annotation(manifest, TAGS)));
        out.put("enabled", true);
        for (String unset : List.of("client_certificate", "tls_verify", "tls_verify_depth", "ca_certificates")) {
            out.putNull(unset);
        }
        return out;
    }

    /** An Ingress's Kong route fields with KIC's defaults where an annotation is absent (internal/.../ingress.go). */
    public static ObjectNode routeFields(JsonNode ingress) {
        ObjectNode out = JSON.objectNode();
        out.put("name", ingress.path("metadata").path("name").asText());
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> paths = new LinkedHashSet<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            if (rule.hasNonNull("host")) {
                hosts.add(rule.get("host").asText());
            }
            for (JsonNode path : rule.path("http").path("paths")) {
                String value = path.path("path").asText("/");
                paths.add(value.startsWith("/~") ? value.substring(1) : value);
            }
        }
        out.set("hosts", hosts.isEmpty() ? NullNode.getInstance() : array(hosts));
        out.set("paths", paths.isEmpty() ? NullNode.getInstance() : array(paths));
        annotatedRouteFields(ingress, out);
        return out;
    }

    /**
     * The route fields KIC reads from a route object's annotations (an Ingress's or an HTTPRoute's), with KIC's
     * defaults where one is absent: strip_path false, preserve_host true.
     */
    public static void annotatedRouteFields(JsonNode manifest, ObjectNode out) {
        out.set(
                "protocols",
                array(annotation(manifest, "konghq.com/protocols")
                        .map(KongManifests::commaList)
                        .orElse(List.of("http", "https"))));
        out.set("methods", list(annotation(manifest, "konghq.com/methods")));
        ObjectNode headers = JSON.objectNode();
        toMap(manifest.path("metadata").path("annotations")).forEach((key, value) -> {
            if (key.startsWith(HEADERS)) {
                headers.set(key.substring(HEADERS.length()), array(commaList(value.asText())));
            }
        });
        out.set("headers", headers.isEmpty() ? NullNode.getInstance() : headers);
        out.set("snis", list(annotation(manifest, "konghq.com/snis")));
        out.putNull("sources");
        out.putNull("destinations");
        out.put(
                "https_redirect_status_code",
                annotation(manifest, "konghq.com/https-redirect-status-code")
                        .map(Integer::parseInt)
                        .orElse(426));
        out.put(
                "regex_priority",
                annotation(manifest, "konghq.com/regex-priority")
                        .map(Long::parseLong)
                        .orElse(0L));
        out.put("strip_path", bool(manifest, "konghq.com/strip-path", false));
        out.put("preserve_host", bool(manifest, "konghq.com/preserve-host", true));
        out.put(
                "path_handling",
                annotation(manifest, "konghq.com/path-handling").orElse("v0"));
        out.put("request_buffering", bool(manifest, "konghq.com/request-buffering", true));
        out.put("response_buffering", bool(manifest, "konghq.com/response-buffering", true));
        out.set("tags", list(annotation(manifest, TAGS)));
    }

    /** The Service the Ingress's first path sends to, as (name, port number). */
    public static Optional<Map.Entry<String, Integer>> backend(JsonNode ingress) {
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode service = path.path("backend").path("service");
                if (service.hasNonNull("name")) {
                    return Optional.of(Map.entry(
                            service.get("name").asText(),
                            service.path("port").path("number").asInt(0)));
                }
            }
        }
        JsonNode fallback = ingress.path("spec").path("defaultBackend").path("service");
        return fallback.hasNonNull("name")
                ? Optional.of(Map.entry(
                        fallback.get("name").asText(),
                        fallback.path("port").path("number").asInt(0)))
                : Optional.empty();
    }

    /**
     * A KongPlugin's or KongClusterPlugin's Kong plugin fields, without its scope: a config held in a Secret
     * ({@code configFrom}) is not read and shows as an empty config.
     */
    public static ObjectNode pluginFields(JsonNode manifest) {
        ObjectNode out = JSON.objectNode();
        out.put("name", manifest.path("plugin").asText());
        nullable(
                out,
                "instance_name",
                manifest.path("instance_name").isTextual()
                        ? Optional.of(manifest.get("instance_name").asText())
                        : Optional.empty());
        out.set(
                "config",
                manifest.path("config").isObject() ? manifest.get("config").deepCopy() : JSON.objectNode());
        out.put("enabled", !manifest.path("disabled").asBoolean(false));
        out.set(
                "protocols",
                manifest.path("protocols").isArray()
                                && !manifest.get("protocols").isEmpty()
                        ? manifest.get("protocols").deepCopy()
                        : array(DEFAULT_PROTOCOLS));
        if (manifest.has("ordering")) {
            out.set("ordering", manifest.get("ordering").deepCopy());
        }
        out.set("tags", list(annotation(manifest, TAGS)));
        return out;
    }

    /** A KongConsumer's Kong consumer fields. */
    public static ObjectNode consumerFields(JsonNode manifest) {
        ObjectNode out = JSON.objectNode();
        for (String field : List.of("username", "custom_id")) {
            if (manifest.path(field).isTextual()) {
                out.put(field, manifest.get(field).asText());
            } else {
                out.putNull(field);
            }
        }
        out.set("tags", list(annotation(manifest, TAGS)));
        return out;
    }

    /** The credential Secrets a KongConsumer names. */
    public static List<String> credentials(JsonNode consumer) {
        return texts(consumer.path("credentials"));
    }

    // ---- helpers

    /** KIC's comma-separated lists: items trimmed, empty ones dropped. */
    public static List<String> commaList(String value) {
        List<String> out = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                out.add(item.trim());
            }
        }
        return out;
    }

    public static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> out.add(v.asText()));
        } else if (array.isTextual()) {
            out.add(array.asText());
        }
        return out;
    }

    static Map<String, JsonNode> toMap(JsonNode object) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    private static boolean bool(JsonNode manifest, String key, boolean fallback) {
        return annotation(manifest, key).map(Boolean::parseBoolean).orElse(fallback);
    }

    private static JsonNode list(Optional<String> commaSeparated) {
        List<String> items = commaSeparated.map(KongManifests::commaList).orElse(List.of());
        return items.isEmpty() ? NullNode.getInstance() : array(items);
    }

    private static ArrayNode array(Iterable<String> items) {
        ArrayNode out = JSON.arrayNode();
        items.forEach(out::add);
        return out;
    }

    private static void nullable(ObjectNode out, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> out.put(field, v), () -> out.putNull(field));
    }
}
