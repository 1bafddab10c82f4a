package dev.gatehouse.app.meshpolicy;

import static dev.gatehouse.app.meshpolicy.PermissionTemplates.SERVICE_TAG;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.meshpolicy.Narrowing.Method;
import dev.gatehouse.app.meshpolicy.Narrowing.Narrowed;
import dev.gatehouse.app.meshpolicy.Narrowing.NotNarrowable;
import dev.gatehouse.app.meshpolicy.Narrowing.Reason;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes one pair (source service → destination service) out of a permission policy that decides it, keeping every
 * other pair the policy allowed. The policy is the one the permission matrix names for the pair, so it is the one
 * that decides it under Kuma's rules (mesh-runtime's PermissionEngine follows them):
 * <ul>
 *   <li>MeshTrafficPermission: the from-items of all MTPs selecting an inbound merge from the least to the most
 *       specific targetRef kind, and the last item matching the client wins. A {@code Deny} item for the source,
 *       last in a policy that targets only the destination, or in a new policy whose kind sorts after the deciding
 *       one's, stops the pair and touches nothing else.</li>
 *   <li>TrafficPermission: one policy per inbound, the best-ranked destination selector (a tie goes to the newer
 *       policy); it allows its sources and nothing else, so the pair is removed by taking the source or the
 *       destination out of the cross product. A TrafficPermission cannot deny, so {@code *} sources need an MTP.</li>
 *   <li>An MTP that selects an inbound takes it over from the TrafficPermissions (Kuma's MTP plugin replaces the
 *       inbound's RBAC filter: pkg/plugins/policies/meshtrafficpermission/plugin/v1alpha1/plugin.go), so an MTP
 *       written to narrow a TrafficPermission carries that policy's other sources as {@code Allow} items.</li>
 * </ul>
 * The result is a proposal: callers check it with the preview matrix before offering it.
 */
public final class PolicyNarrowing {

    private static final JsonMapper JSON = new JsonMapper();
    private static final String WILDCARD = "*";

    /** Top-level targetRef kinds in Kuma's precedence order (api/common/v1alpha1/targetref.go), least first. */
    private static final List<String> KIND_ORDER = List.of(
            "Mesh",
            "Dataplane",
            "MeshSubset",
            "MeshGateway",
            "MeshService",
            "MeshExternalService",
            "MeshMultiZoneService",
            "MeshServiceSubset",
            "MeshHTTPRoute");

    private PolicyNarrowing() {}

    /**
     * Narrows {@code policy} (Universal JSON with its {@code type}) so that it no longer allows {@code source} →
     * {@code destination}; {@code meshTrafficPermission} says whether the control plane knows MTP.
     */
    public static Narrowing narrow(
            ObjectNode policy, String source, String destination, boolean meshTrafficPermission) {
        String type = policy.path("type").asText();
        if (type.equals(MeshResourceType.MESH_TRAFFIC_PERMISSION.name())) {
            return narrowMeshTrafficPermission(policy, source, destination);
        }
        if (type.equals(MeshResourceType.TRAFFIC_PERMISSION.name())) {
            return narrowTrafficPermission(policy, source, destination, meshTrafficPermission);
        }
        return new NotNarrowable(Reason.UNSUPPORTED_TYPE);
    }

    private static Narrowing narrowMeshTrafficPermission(ObjectNode policy, String source, String destination) {
        JsonNode spec = policy.path("spec");
        if (!spec.path("rules").isEmpty()) {
            return new NotNarrowable(Reason.SPIFFE_RULES);
        }
        JsonNode from = spec.path("from");
        if (!anyItemMayAllow(from, source)) {
            return new NotNarrowable(Reason.PAIR_NOT_ALLOWED);
        }
        JsonNode top = spec.path("targetRef");
        String kind = top.path("kind").asText("Mesh");
        if (targetsOnly(top, destination)) {
            ObjectNode narrowed = ServerManagedFields.strip(policy);
            ArrayNode items = ((ObjectNode) narrowed.path("spec")).putArray("from");
            boolean othersLeft = false;
            for (JsonNode item : from) {
                if (!namesOnly(item.path("targetRef"), source)) {
                    items.add(item.deepCopy());
                    othersLeft |=
                            !"Deny".equals(item.path("default").path("action").asText());
                }
            }
            if (!othersLeft) {
                return new Narrowed(
                        Method.DELETE,
                        List.of(MeshEdit.delete(
                                MeshResourceType.MESH_TRAFFIC_PERMISSION, meshOf(policy), nameOf(policy))));
            }
            addFromItem(items, Map.of(SERVICE_TAG, source), "Deny");
            return new Narrowed(
                    Method.REPLACE, List.of(MeshEdit.put(MeshResourceType.MESH_TRAFFIC_PERMISSION, narrowed)));
        }
        if (KIND_ORDER.indexOf(kind) >= 0 && KIND_ORDER.indexOf(kind) < KIND_ORDER.indexOf("MeshSubset")) {
            ObjectNode deny = PermissionTemplates.deny(meshOf(policy), source, destination);
            return new Narrowed(Method.OVERRIDE, List.of(MeshEdit.put(MeshResourceType.MESH_TRAFFIC_PERMISSION, deny)));
        }
        return new NotNarrowable(Reason.SAME_PRECEDENCE);
    }

    private static Narrowing narrowTrafficPermission(
            ObjectNode policy, String source, String destination, boolean meshTrafficPermission) {
        List<Map<String, String>> sources = selectors(policy.path("sources"));
        List<Map<String, String>> destinations = selectors(policy.path("destinations"));
        if (!destinations.stream().allMatch(PolicyNarrowing::serviceOnly)) {
            return new NotNarrowable(Reason.TAG_SELECTORS);
        }
        if (destinations.stream().noneMatch(d -> matchesService(d, destination))
                || sources.stream().noneMatch(s -> matchesService(s, source))) {
            return new NotNarrowable(Reason.PAIR_NOT_ALLOWED);
        }
        Narrowing withinTrafficPermissions =
                narrowWithinTrafficPermissions(policy, sources, destinations, source, destination);
        if (withinTrafficPermissions instanceof Narrowed || !meshTrafficPermission) {
            return withinTrafficPermissions;
        }
        return overrideWithMeshTrafficPermission(policy, sources, source, destination);
    }

    /** Narrowing with TrafficPermissions only: take the source or the destination out of the cross product. */
    private static Narrowing narrowWithinTrafficPermissions(
            ObjectNode policy,
            List<Map<String, String>> sources,
            List<Map<String, String>> destinations,
            String source,
            String destination) {
        if (!sources.stream().allMatch(PolicyNarrowing::serviceOnly)) {
            return new NotNarrowable(Reason.TAG_SELECTORS);
        }
        if (sources.stream().anyMatch(s -> s.containsValue(WILDCARD))) {
            return new NotNarrowable(Reason.WILDCARD_SOURCES);
        }
        Map<String, String> sourceSelector = Map.of(SERVICE_TAG, source);
        Map<String, String> destinationSelector = Map.of(SERVICE_TAG, destination);
        List<Map<String, String>> otherSources =
                sources.stream().filter(s -> !s.equals(sourceSelector)).toList();
        List<Map<String, String>> otherDestinations = destinations.stream()
                .filter(d -> !d.equals(destinationSelector))
                .toList();
        String mesh = meshOf(policy);
        String name = PermissionTemplates.name(nameOf(policy) + "-except", source, destination);
        if (otherDestinations.size() == destinations.size()) {
            // The destination is selected by *: a policy naming it exactly outranks this one for its inbound.
            if (otherSources.isEmpty()) {
                return new NotNarrowable(Reason.NO_SOURCE_LEFT);
            }
            return new Narrowed(
                    Method.SPLIT,
                    List.of(MeshEdit.put(
                            MeshResourceType.TRAFFIC_PERMISSION,
                            trafficPermission(mesh, name, otherSources, List.of(destinationSelector)))));
        }
        if (otherDestinations.isEmpty()) {
            return otherSources.isEmpty()
                    ? new Narrowed(
                            Method.DELETE,
                            List.of(MeshEdit.delete(MeshResourceType.TRAFFIC_PERMISSION, mesh, nameOf(policy))))
                    : new Narrowed(
                            Method.REPLACE,
                            List.of(MeshEdit.put(
                                    MeshResourceType.TRAFFIC_PERMISSION,
                                    withSelectors(policy, otherSources, destinations))));
        }
        List<MeshEdit> edits = new ArrayList<>();
        edits.add(MeshEdit.put(MeshResourceType.TRAFFIC_PERMISSION, withSelectors(policy, sources, otherDestinations)));
        if (!otherSources.isEmpty()) {
            edits.add(MeshEdit.put(
                    MeshResourceType.TRAFFIC_PERMISSION,
                    trafficPermission(mesh, name, otherSources, List.of(destinationSelector))));
        }
        return new Narrowed(Method.SPLIT, edits);
    }

    /** An MTP for the destination that allows the TrafficPermission's other sources and denies the one source. */
    private static Narrowing overrideWithMeshTrafficPermission(
            ObjectNode policy, List<Map<String, String>> sources, String source, String destination) {
        ObjectNode mtp = JSON.createObjectNode();
        mtp.put("type", MeshResourceType.MESH_TRAFFIC_PERMISSION.name());
        mtp.put("mesh", meshOf(policy));
        mtp.put("name", PermissionTemplates.name(nameOf(policy) + "-except", source, destination));
        ObjectNode spec = mtp.putObject("spec");
        ObjectNode target = spec.putObject("targetRef").put("kind", "MeshSubset");
        target.putObject("tags").put(SERVICE_TAG, destination);
        ArrayNode items = spec.putArray("from");
        for (Map<String, String> selector : sources) {
            if (selector.equals(Map.of(SERVICE_TAG, source))) {
                continue;
            }
            if (selector.equals(Map.of(SERVICE_TAG, WILDCARD))) {
                items.addObject()
                        .<ObjectNode>set("targetRef", JSON.createObjectNode().put("kind", "Mesh"))
                        .putObject("default")
                        .put("action", "Allow");
            } else if (selector.containsValue(WILDCARD)) {
                // MeshSubset tags match exact values; "any value of this tag" has no MTP spelling.
                return new NotNarrowable(Reason.TAG_SELECTORS);
            } else {
                addFromItem(items, selector, "Allow");
            }
        }
        addFromItem(items, Map.of(SERVICE_TAG, source), "Deny");
        return new Narrowed(Method.OVERRIDE, List.of(MeshEdit.put(MeshResourceType.MESH_TRAFFIC_PERMISSION, mtp)));
    }

    /** Whether some from-item may allow {@code source}: it allows and names the whole mesh, the service or other tags. */
    private static boolean anyItemMayAllow(JsonNode from, String source) {
        for (JsonNode item : from) {
            JsonNode ref = item.path("targetRef");
            String service = switch (ref.path("kind").asText("Mesh")) {
                case "MeshService", "MeshServiceSubset" -> ref.path("name").asText(null);
                case "MeshSubset" -> ref.path("tags").path(SERVICE_TAG).asText(null);
                default -> null;
            };
            boolean allows = !"Deny".equals(item.path("default").path("action").asText());
            if (allows && (service == null || service.equals(source))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a top-level targetRef selects the inbounds of {@code service} and of no other service. */
    private static boolean targetsOnly(JsonNode ref, String service) {
        return switch (ref.path("kind").asText("Mesh")) {
            case "MeshSubset" ->
                service.equals(ref.path("tags").path(SERVICE_TAG).asText(null));
            case "MeshService", "MeshServiceSubset" ->
                service.equals(ref.path("name").asText(null));
            default -> false;
        };
    }

    /** Whether a from-item's targetRef names exactly the clients of {@code service}, no more and no fewer. */
    private static boolean namesOnly(JsonNode ref, String service) {
        return switch (ref.path("kind").asText("Mesh")) {
            case "MeshSubset" ->
                ref.path("tags").size() == 1
                        && service.equals(ref.path("tags").path(SERVICE_TAG).asText(null));
            case "MeshService" -> service.equals(ref.path("name").asText(null));
            default -> false;
        };
    }

    private static void addFromItem(ArrayNode items, Map<String, String> tags, String action) {
        ObjectNode item = items.addObject();
        ObjectNode ref = item.putObject("targetRef").put("kind", "MeshSubset");
        ObjectNode refTags = ref.putObject("tags");
        tags.forEach(refTags::put);
        item.putObject("default").put("action", action);
    }

    private static boolean serviceOnly(Map<String, String> selector) {
        return selector.size() == 1 && selector.containsKey(SERVICE_TAG);
    }

    private static boolean matchesService(Map<String, String> selector, String service) {
        String value = selector.get(SERVICE_TAG);
        return value == null || value.equals(WILDCARD) || value.equals(service);
    }

    private static List<Map<String, String>> selectors(JsonNode list) {
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode item : list) {
            // Sorted, so that the selectors written back list their tags in a stable order.
            Map<String, String> match = new TreeMap<>();
            item.path("match")
                    .properties()
                    .forEach(e -> match.put(e.getKey(), e.getValue().asText()));
            out.add(match);
        }
        return out;
    }

    private static ObjectNode withSelectors(
            ObjectNode policy, List<Map<String, String>> sources, List<Map<String, String>> destinations) {
        ObjectNode copy = ServerManagedFields.strip(policy);
        putSelectors(copy.putArray("sources"), sources);
        putSelectors(copy.putArray("destinations"), destinations);
        return copy;
    }

    private static ObjectNode trafficPermission(
            String mesh, String name, List<Map<String, String>> sources, List<Map<String, String>> destinations) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("type", MeshResourceType.TRAFFIC_PERMISSION.name());
        policy.put("mesh", mesh);
        policy.put("name", name);
        putSelectors(policy.putArray("sources"), sources);
        putSelectors(policy.putArray("destinations"), destinations);
        return policy;
    }

    private static void putSelectors(ArrayNode list, List<Map<String, String>> selectors) {
        for (Map<String, String> selector : selectors) {
            ObjectNode match = list.addObject().putObject("match");
            selector.forEach(match::put);
        }
    }

    private static String meshOf(ObjectNode policy) {
        return policy.path("mesh").asText();
    }

    private static String nameOf(ObjectNode policy) {
        return policy.path("name").asText();
    }
}
