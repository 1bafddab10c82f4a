package dev.gatehouse.app.declarative.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.SortedYaml;
import dev.gatehouse.app.declarative.deck.DeckExporter;
import dev.gatehouse.app.declarative.deck.ExportOptions;
import dev.gatehouse.app.declarative.deck.GatewayState;
import dev.gatehouse.app.declarative.deck.SchemaDefaults;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway and the mesh as Kubernetes manifests for the Kong Ingress Controller (KIC) and Kuma, made from the
 * decK export (so nesting, defaults and secret redaction are the decK file's) and the control plane's Universal
 * resources:
 *
 * <ul>
 *   <li>each route as an Ingress of class {@code kong} (or a Gateway API HTTPRoute), its route fields as KIC's
 *       {@code konghq.com/*} annotations (KIC internal/annotations/annotations.go);
 *   <li>each plugin as a KongPlugin named on its route, service or consumer by {@code konghq.com/plugins}, and each
 *       global plugin as a KongClusterPlugin labelled {@code global: "true"};
 *   <li>each consumer as a KongConsumer whose {@code credentials} name Secrets labelled
 *       {@code konghq.com/credential: key-auth} (or {@code acl});
 *   <li>a Service of type ExternalName for each Kong service a route needs as backend;
 *   <li>each Mesh (cluster-scoped, Universal body under {@code spec}), TrafficPermission (cluster-scoped, top-level
 *       {@code mesh:}) and MeshTrafficPermission (in the mesh namespace, labelled {@code kuma.io/mesh}).
 * </ul>
 *
 * Documents are ordered by kind (the order {@code kubectl apply} needs them in: meshes before policies, Secrets
 * before the consumers naming them, plugins before what names them) and then by namespace and name.
 */
public final class KubernetesExporter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final String KONG = KongManifests.KONG;
    static final String PLUGINS = KongManifests.PLUGINS;

    /** Kinds in file order. */
    static final List<String> KIND_ORDER = List.of(
            "Mesh",
            "MeshTrafficPermission",
            "TrafficPermission",
            "Secret",
            "Service",
            "KongClusterPlugin",
            "KongPlugin",
            "KongConsumer",
            "Ingress",
            "HTTPRoute");

    private final KubernetesOptions options;
    private final Map<String, Names> names = new HashMap<>();
    /** konghq.com/plugins values by scope key ("service:demo-app", "route:demo-rt", "consumer:demo-user"). */
    private final Map<String, List<String>> pluginsOf = new HashMap<>();
    /** Kubernetes names of Kong services, routes and consumers by scope key. */
    private final Map<String, String> objectOf = new HashMap<>();

    private final List<ObjectNode> documents = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private KubernetesExporter(KubernetesOptions options) {
        this.options = options;
    }

    /**
     * Fetches the gateway (and the mesh, when given) through the repositories and writes the manifests as
     * multi-document YAML; blocks, so call it off the FX thread.
     */
    public static String export(
            Optional<GatewayRepository> gateway, Optional<MeshRepository> mesh, KubernetesOptions options) {
        // The manifests keep every field, defaults included (a KongPlugin its whole config), as they always have;
        // leaving defaults out is the decK export's choice.
        ExportOptions deckOptions = new ExportOptions(options.includeSecrets(), List.of(), true);
        Optional<ObjectNode> deck =
                gateway.map(g -> DeckExporter.toFile(GatewayState.load(g), deckOptions, new SchemaDefaults(g)));
        return KubernetesYaml.write(toManifests(deck, mesh.map(MeshState::load), options));
    }

    /** The manifests for a decK file and a mesh state: pure, so the same input always gives the same file. */
    public static Manifests toManifests(
            Optional<ObjectNode> deckFile, Optional<MeshState> mesh, KubernetesOptions options) {
        KubernetesExporter exporter = new KubernetesExporter(options);
        deckFile.ifPresent(exporter::gateway);
        mesh.ifPresent(exporter::mesh);
        List<ObjectNode> sorted = new ArrayList<>(exporter.documents);
        sorted.forEach(KubernetesExporter::sortMetadata);
        sorted.sort(Comparator.comparingInt(
                        (ObjectNode d) -> KIND_ORDER.indexOf(d.path("kind").asText()))
                .thenComparing(d -> d.path("metadata").path("namespace").asText(""))
                .thenComparing(d -> d.path("metadata").path("name").asText()));
        return new Manifests(sorted, exporter.notes);
    }

    // ---- gateway

    private void gateway(ObjectNode file) {
        // Names first, so that plugins can point at what they annotate.
        for (JsonNode service : file.path("services")) {
            String key = "service:" + kongName(service);
            if (!service.path("routes").isEmpty()) {
                objectOf.put(key, name("Service", kongName(service)));
            }
            for (JsonNode route : service.path("routes")) {
                objectOf.put("route:" + kongName(route), name("Route", kongName(route)));
            }
        }
        for (JsonNode consumer : file.path("consumers")) {
            objectOf.put("consumer:" + consumerKey(consumer), name("KongConsumer", consumerName(consumer)));
        }
        for (JsonNode route : file.path("routes")) {
            notes.add("route " + kongName(route) + " has no service; an Ingress needs a backend, so it is left out.");
        }

        // Plugins, each annotated on its scopes.
        for (JsonNode service : file.path("services")) {
            String serviceKey = "service:" + kongName(service);
            for (JsonNode plugin : service.path("plugins")) {
                plugin(plugin, List.of(serviceKey));
            }
            for (JsonNode route : service.path("routes")) {
                for (JsonNode plugin : route.path("plugins")) {
                    plugin(plugin, List.of("route:" + kongName(route)));
                }
            }
        }
        for (JsonNode consumer : file.path("consumers")) {
            for (JsonNode plugin : consumer.path("plugins")) {
                plugin(plugin, List.of("consumer:" + consumerKey(consumer)));
            }
        }
        for (JsonNode plugin : file.path("plugins")) {
            List<String> scopes = new ArrayList<>();
            for (String ref : List.of("service", "route", "consumer")) {
                if (plugin.hasNonNull(ref)) {
                    scopes.add(ref + ":" + plugin.get(ref).asText());
                }
            }
            plugin(plugin, scopes);
        }

        for (JsonNode service : file.path("services")) {
            if (!service.path("routes").isEmpty()) {
                service(service);
            }
            for (JsonNode route : service.path("routes")) {
                if (options.gatewayApi()) {
                    httpRoute(route, service);
                } else {
                    ingress(route, service);
                }
            }
        }
        for (JsonNode consumer : file.path("consumers")) {
            consumer(consumer);
        }
    }

    private void plugin(JsonNode plugin, List<String> scopes) {
        String type = plugin.path("name").asText();
        boolean global = scopes.isEmpty();
        List<String> targets = new ArrayList<>();
        for (String scope : scopes) {
            String object = objectOf.get(scope);
            if (object == null) {
                notes.add("plugin " + type + " on " + scope.replace(':', ' ')
                        + " is left out: that entity has no manifest (a service without routes, or not exported).");
                return;
            }
            targets.add(object);
        }
        String kind = global ? "KongClusterPlugin" : "KongPlugin";
        ObjectNode manifest = KongManifests.plugin(
                plugin,
                name(kind, KongManifests.pluginName(plugin, targets)),
                global ? null : options.namespace(),
                notes);
        ObjectNode metadata = (ObjectNode) manifest.get("metadata");
        documents.add(manifest);
        for (String scope : scopes) {
            pluginsOf
                    .computeIfAbsent(scope, s -> new ArrayList<>())
                    .add(metadata.get("name").asText());
        }
    }

    /** The Service placeholder a route's backend names: an ExternalName to the Kong service's host and port. */
    private void service(JsonNode service) {
        String key = "service:" + kongName(service);
        ObjectNode manifest = KongManifests.service(service, objectOf.get(key), options.namespace());
        plugins(manifest, key);
        documents.add(manifest);
    }

    private void ingress(JsonNode route, JsonNode service) {
        String key = "route:" + kongName(route);
        ObjectNode manifest = KongManifests.ingress(
                route,
                objectOf.get(key),
                options.namespace(),
                objectOf.get("service:" + kongName(service)),
                port(service));
        plugins(manifest, key);
        documents.add(manifest);
    }

    private void httpRoute(JsonNode route, JsonNode service) {
        String key = "route:" + kongName(route);
        ObjectNode manifest = HttpRoutes.manifest(
                route,
                objectOf.get(key),
                options.namespace(),
                GatewayRef.parse(options.gatewayName()),
                objectOf.get("service:" + kongName(service)),
                port(service));
        plugins(manifest, key);
        documents.add(manifest);
    }

    private void consumer(JsonNode consumer) {
        String key = "consumer:" + consumerKey(consumer);
        String name = objectOf.get(key);
        List<String> credentials = new ArrayList<>();
        for (JsonNode key2 : consumer.path("keyauth_credentials")) {
            credentials.add(credential(name + "-key-auth", "key-auth", key2, "key"));
        }
        for (JsonNode group : consumer.path("acls")) {
            credentials.add(credential(name + "-acl-" + group.path("group").asText(), "acl", group, "group"));
        }
        ObjectNode manifest = KongManifests.consumer(consumer, name, options.namespace(), credentials);
        plugins(manifest, key);
        documents.add(manifest);
    }

    /** A credential Secret; a key-auth key is the decK file's, so {@code <redacted>} unless secrets are included. */
    private String credential(String wanted, String type, JsonNode credential, String field) {
        ObjectNode secret =
                KongManifests.credential(name("Secret", wanted), options.namespace(), type, credential, field);
        documents.add(secret);
        return secret.get("metadata").get("name").asText();
    }

    // ---- mesh

    private void mesh(MeshState state) {
        for (ObjectNode mesh : state.meshes()) {
            documents.add(KumaCustomResources.toKubernetes(
                    kind("Mesh"),
                    mesh,
                    new KumaCustomResources.ObjectName(
                            name("Mesh", mesh.path("name").asText()), ""),
                    userLabels(mesh)));
        }
        for (ObjectNode policy : state.policies()) {
            String type = policy.path("type").asText();
            // Two meshes may each have a policy of a name; on Kubernetes they would be one object. New-style
            // policies go to the control plane's namespace, which holds mesh-wide ones.
            String name = name(type, policy.path("name").asText());
            documents.add(KumaCustomResources.toKubernetes(
                    kind(type),
                    policy,
                    new KumaCustomResources.ObjectName(name, options.meshNamespace()),
                    userLabels(policy)));
        }
    }

    private static KumaCustomResources.Kind kind(String type) {
        return KumaCustomResources.Kind.of(type)
                .orElseThrow(() -> new IllegalArgumentException("Kuma type " + type + " has no custom resource here"));
    }

    /** Labels the user gave the resource; Kuma's own ({@code kuma.io/*}) are set by the control plane itself. */
    private static Map<String, String> userLabels(ObjectNode resource) {
        Map<String, String> labels = new LinkedHashMap<>();
        resource.path("labels").properties().forEach(e -> {
            String key = e.getKey();
            if (!key.startsWith("kuma.io/") && !key.startsWith("k8s.kuma.io/")) {
                labels.put(key, e.getValue().asText());
            }
        });
        return labels;
    }

    // ---- helpers

    private String name(String kind, String wanted) {
        return names.computeIfAbsent(kind, k -> new Names()).unique(wanted);
    }

    private static ObjectNode manifest(String apiVersion, String kind, String name, String namespace) {
        return KongManifests.manifest(apiVersion, kind, name, namespace);
    }

    /** Labels and annotations in alphabetical order, as kubectl prints them. */
    private static void sortMetadata(ObjectNode manifest) {
        ObjectNode metadata = (ObjectNode) manifest.get("metadata");
        for (String field : List.of("labels", "annotations")) {
            if (metadata.has(field)) {
                metadata.set(field, SortedYaml.sorted(metadata.get(field)));
            }
        }
    }

    private static ObjectNode annotations(ObjectNode manifest) {
        return KongManifests.annotations(manifest);
    }

    private void plugins(ObjectNode manifest, String scope) {
        List<String> plugins = pluginsOf.get(scope);
        if (plugins != null) {
            annotations(manifest)
                    .put(PLUGINS, String.join(",", plugins.stream().sorted().toList()));
        }
    }

    private static String kongName(JsonNode entity) {
        return entity.hasNonNull("name")
                ? entity.get("name").asText()
                : entity.path("id").asText();
    }

    /**
     * How the decK file refers to a consumer: its username, else its id (DeckExporter keeps the id of a consumer
     * without a username, and top-level plugins point at that).
     */
    private static String consumerKey(JsonNode consumer) {
        return consumer.hasNonNull("username")
                ? consumer.get("username").asText()
                : consumer.path("id").asText();
    }

    /** The name a KongConsumer is given: its username, else its custom_id, else its id. */
    private static String consumerName(JsonNode consumer) {
        if (consumer.hasNonNull("username")) {
            return consumer.get("username").asText();
        }
        return consumer.hasNonNull("custom_id")
                ? consumer.get("custom_id").asText()
                : consumer.path("id").asText();
    }

    private static int port(JsonNode service) {
        return KongManifests.port(service);
    }
}
