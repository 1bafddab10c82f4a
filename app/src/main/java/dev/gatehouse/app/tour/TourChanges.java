package dev.gatehouse.app.tour;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.deck.DeckYaml;
import dev.gatehouse.app.meshpolicy.PermissionTemplates;
import dev.gatehouse.app.policyeditor.PolicyYaml;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import java.util.List;

/**
 * What each step writes, as the bodies the repositories take and as the YAML the panel previews: decK for the
 * gateway (written as the Export page writes decK files, keys sorted), Kuma Universal YAML for the mesh. The demo key reads
 * {@code <redacted>}, as in the console's exports.
 */
final class TourChanges {

    static final String REDACTED = "<redacted>";
    /** The allow-all policy a mesh starts with (Kuma's {@code allow-all-<mesh>}). */
    static final String SEED_ALLOW_ALL = "allow-all-" + TourSeed.MESH;

    private static final JsonMapper JSON = new JsonMapper();

    private TourChanges() {}

    static ObjectNode service() {
        ObjectNode service = JSON.createObjectNode();
        service.put("name", TourSeed.SERVICE);
        service.put("url", TourSeed.SERVICE_URL);
        return service;
    }

    static ObjectNode route() {
        ObjectNode route = JSON.createObjectNode();
        route.put("name", TourSeed.ROUTE);
        route.putArray("paths").add(TourSeed.ROUTE_PATH);
        return route;
    }

    /** The key-auth plugin on route {@code routeId}, clients sending their key as {@code apiKey}. */
    static ObjectNode keyAuth(String routeId) {
        ObjectNode plugin = JSON.createObjectNode();
        plugin.put("name", "key-auth");
        plugin.putObject("route").put("id", routeId);
        plugin.putObject("config").putArray("key_names").add(TourSeed.KEY_NAME);
        return plugin;
    }

    static ObjectNode consumer() {
        ObjectNode consumer = JSON.createObjectNode();
        consumer.put("username", TourSeed.CONSUMER);
        return consumer;
    }

    static ObjectNode credential() {
        ObjectNode key = JSON.createObjectNode();
        key.put("key", TourSeed.KEY);
        return key;
    }

    /** {@code mesh} with mTLS on, from a builtin CA; its other fields kept. */
    static ObjectNode withMtls(ObjectNode mesh) {
        ObjectNode changed = mesh.deepCopy();
        // the control plane sets these itself; the preview shows what the user decides
        changed.remove(java.util.List.of("creationTime", "modificationTime"));
        ObjectNode mtls = changed.putObject("mtls");
        mtls.put("enabledBackend", TourSeed.CA);
        mtls.putArray("backends").addObject().put("name", TourSeed.CA).put("type", "builtin");
        return changed;
    }

    /** The permission from {@code source} to {@code destination}, of the type the control plane serves. */
    static ObjectNode permission(String source, String destination, boolean meshTrafficPermission) {
        return PermissionTemplates.allow(TourSeed.MESH, source, destination, meshTrafficPermission);
    }

    static MeshResourceType permissionType(boolean meshTrafficPermission) {
        return PermissionTemplates.allowType(meshTrafficPermission);
    }

    static MeshResourceType typeOf(PolicyRef policy) {
        return policy.type().equals(MeshResourceType.MESH_TRAFFIC_PERMISSION.name())
                ? MeshResourceType.MESH_TRAFFIC_PERMISSION
                : MeshResourceType.TRAFFIC_PERMISSION;
    }

    /** The YAML {@code step} will write on a platform in {@code state}. */
    static String preview(TourStep step, PlatformState state) {
        return switch (step) {
            case EXPOSE -> deck(deckServices(state.gw().service()));
            case REQUIRE_KEY -> {
                ObjectNode file = deckHeader();
                ObjectNode plugin = file.putArray("plugins").addObject();
                plugin.put("name", "key-auth");
                plugin.put("route", state.gw().routeName().orElse(TourSeed.ROUTE));
                plugin.putObject("config").putArray("key_names").add(TourSeed.KEY_NAME);
                yield DeckYaml.write(file);
            }
            case CONSUMER_KEY -> {
                ObjectNode file = deckHeader();
                ObjectNode consumer = file.putArray("consumers").addObject();
                consumer.put("username", TourSeed.CONSUMER);
                consumer.putArray("keyauth_credentials").addObject().put("key", REDACTED);
                yield DeckYaml.write(file);
            }
            case MTLS -> PolicyYaml.write(withMtls(state.ms().meshResource().orElseGet(TourChanges::defaultMesh)));
            case ZERO_TRUST -> deletions(state);
            case GATEWAY_TO_DEMO_APP ->
                PolicyYaml.write(permission(
                        state.ms().services().gateway(),
                        state.ms().services().demoApp(),
                        state.ms().meshTrafficPermission()));
            case DEMO_APP_TO_REDIS ->
                PolicyYaml.write(permission(
                        state.ms().services().demoApp(),
                        state.ms().services().redis(),
                        state.ms().meshTrafficPermission()));
        };
    }

    private static String deck(ArrayNode services) {
        ObjectNode file = deckHeader();
        file.set("services", services);
        return DeckYaml.write(file);
    }

    /** The seed's service with its route; or, when a service to the demo exists, that one with the route only. */
    private static ArrayNode deckServices(java.util.Optional<DemoService> existing) {
        ArrayNode services = JSON.createArrayNode();
        ObjectNode service = services.addObject();
        existing.ifPresentOrElse(s -> service.put("name", s.name()), () -> service.setAll(service()));
        service.putArray("routes").add(route());
        return services;
    }

    private static ObjectNode deckHeader() {
        ObjectNode file = JSON.createObjectNode();
        file.put("_format_version", DeckYaml.FORMAT_VERSION);
        return file;
    }

    /** Removing allow-all: a comment per policy deleted, with the policy as it is now named. */
    private static String deletions(PlatformState state) {
        StringBuilder text = new StringBuilder();
        List<PolicyRef> policies = state.ms().allowAll();
        // done already: show what the seed deletes, so the step still says what it is about
        String heading = policies.isEmpty() ? "# DELETE (already gone)\n" : "# DELETE\n";
        if (policies.isEmpty()) {
            policies = List.of(new PolicyRef(MeshResourceType.TRAFFIC_PERMISSION.name(), SEED_ALLOW_ALL));
        }
        for (PolicyRef policy : policies) {
            ObjectNode named = JSON.createObjectNode();
            named.put("type", policy.type());
            named.put("mesh", TourSeed.MESH);
            named.put("name", policy.name());
            if (!text.isEmpty()) {
                text.append("---\n");
            }
            text.append(heading).append(PolicyYaml.write(named));
        }
        return text.toString();
    }

    private static ObjectNode defaultMesh() {
        ObjectNode mesh = JSON.createObjectNode();
        mesh.put("type", "Mesh");
        mesh.put("name", TourSeed.MESH);
        return mesh;
    }
}
