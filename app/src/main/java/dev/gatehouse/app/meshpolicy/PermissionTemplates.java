package dev.gatehouse.app.meshpolicy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.List;

/**
 * The permission policies the console writes for "allow A → B", "deny A → B" and "allow everything from A", in
 * Universal JSON. Where the control plane knows MeshTrafficPermission (Kuma 2.0+, ours) they are MTPs whose top-level
 * and {@code from[]} target refs are {@code MeshSubset} with a {@code kuma.io/service} tag: the form Kuma 2.7
 * recommends (from[].kind MeshService is deprecated there) and that 2.0 already accepts. Otherwise they are legacy
 * TrafficPermissions, which cannot deny: a deny needs MTP.
 */
public final class PermissionTemplates {

    static final String SERVICE_TAG = "kuma.io/service";
    private static final JsonMapper JSON = new JsonMapper();

    private PermissionTemplates() {}

    /** The policy type an allow is written as. */
    public static MeshResourceType allowType(boolean meshTrafficPermission) {
        return meshTrafficPermission ? MeshResourceType.MESH_TRAFFIC_PERMISSION : MeshResourceType.TRAFFIC_PERMISSION;
    }

    /** A name for the policy from {@code source} to {@code destination} that Kuma accepts (lower case, dashes). */
    public static String name(String verb, String source, String destination) {
        return name(verb + "-" + source + "-to-" + destination);
    }

    /** {@code raw} as a name Kuma accepts: lower case, dashes for anything else, at most 253 characters. */
    public static String name(String raw) {
        String name = raw.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
        return name.length() <= 253 ? name : name.substring(0, 253);
    }

    /** Allows service {@code source} to reach service {@code destination}. */
    public static ObjectNode allow(String mesh, String source, String destination, boolean meshTrafficPermission) {
        String name = name("allow", source, destination);
        return meshTrafficPermission
                ? meshTrafficPermission(mesh, name, destination, source, "Allow")
                : trafficPermission(mesh, name, source, destination);
    }

    /** Denies service {@code source} the service {@code destination}; only MeshTrafficPermission can say it. */
    public static ObjectNode deny(String mesh, String source, String destination) {
        return meshTrafficPermission(mesh, name("deny", source, destination), destination, source, "Deny");
    }

    /** Allows service {@code source} to reach every service of the mesh. */
    public static ObjectNode allowEverythingFrom(String mesh, String source, boolean meshTrafficPermission) {
        String name = name("allow", source, "all");
        if (!meshTrafficPermission) {
            return trafficPermission(mesh, name, source, "*");
        }
        ObjectNode policy = header(MeshResourceType.MESH_TRAFFIC_PERMISSION, mesh, name);
        ObjectNode spec = policy.putObject("spec");
        spec.putObject("targetRef").put("kind", "Mesh");
        fromItem(spec, source, "Allow");
        return policy;
    }

    /**
     * Allows each of {@code sources} to reach {@code destination} with one policy named {@code name}: one MTP
     * {@code from} item per source, or one TrafficPermission listing them all. A destination's sources must share
     * one TrafficPermission: Kuma applies only the most specific TrafficPermission to an inbound (a tie goes to the
     * newest), so two of them for one destination would let only one source in.
     */
    public static ObjectNode allowFrom(
            String mesh, String name, List<String> sources, String destination, boolean meshTrafficPermission) {
        if (!meshTrafficPermission) {
            ObjectNode policy = header(MeshResourceType.TRAFFIC_PERMISSION, mesh, name);
            ArrayNode from = policy.putArray("sources");
            sources.forEach(source -> from.addObject().putObject("match").put(SERVICE_TAG, source));
            policy.putArray("destinations").addObject().putObject("match").put(SERVICE_TAG, destination);
            return policy;
        }
        ObjectNode policy = header(MeshResourceType.MESH_TRAFFIC_PERMISSION, mesh, name);
        ObjectNode spec = policy.putObject("spec");
        spec.putObject("targetRef").put("kind", "MeshSubset").putObject("tags").put(SERVICE_TAG, destination);
        ArrayNode from = spec.putArray("from");
        for (String source : sources) {
            ObjectNode item = from.addObject();
            item.putObject("targetRef")
                    .put("kind", "MeshSubset")
                    .putObject("tags")
                    .put(SERVICE_TAG, source);
            item.putObject("default").put("action", "Allow");
        }
        return policy;
    }

    private static ObjectNode meshTrafficPermission(
            String mesh, String name, String destination, String source, String action) {
        ObjectNode policy = header(MeshResourceType.MESH_TRAFFIC_PERMISSION, mesh, name);
        ObjectNode spec = policy.putObject("spec");
        ObjectNode target = spec.putObject("targetRef").put("kind", "MeshSubset");
        target.putObject("tags").put(SERVICE_TAG, destination);
        fromItem(spec, source, action);
        return policy;
    }

    private static void fromItem(ObjectNode spec, String source, String action) {
        ObjectNode item = spec.putArray("from").addObject();
        ObjectNode ref = item.putObject("targetRef").put("kind", "MeshSubset");
        ref.putObject("tags").put(SERVICE_TAG, source);
        item.putObject("default").put("action", action);
    }

    private static ObjectNode trafficPermission(String mesh, String name, String source, String destination) {
        ObjectNode policy = header(MeshResourceType.TRAFFIC_PERMISSION, mesh, name);
        policy.putArray("sources").addObject().putObject("match").put(SERVICE_TAG, source);
        policy.putArray("destinations").addObject().putObject("match").put(SERVICE_TAG, destination);
        return policy;
    }

    private static ObjectNode header(MeshResourceType type, String mesh, String name) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("type", type.name());
        policy.put("mesh", mesh);
        policy.put("name", name);
        return policy;
    }
}
