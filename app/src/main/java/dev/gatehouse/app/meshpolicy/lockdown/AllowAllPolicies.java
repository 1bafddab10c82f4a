package dev.gatehouse.app.meshpolicy.lockdown;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The policies that let every service reach every other, as mesh-runtime's engine counts them (ServicePermissions):
 * a TrafficPermission whose sources and destinations both hold {@code kuma.io/service: '*'} (Kuma's
 * {@code allow-all-<mesh>}, which our control plane and Kuma up to 2.5 create with every mesh), and a
 * MeshTrafficPermission on the whole mesh that allows {@code from} the whole mesh and denies nothing (Kuma creates
 * none, but users write it as the MTP way to turn zero trust off).
 */
public final class AllowAllPolicies {

    private static final String SERVICE_TAG = "kuma.io/service";

    private AllowAllPolicies() {}

    public static List<PolicyRef> of(
            List<? extends JsonNode> trafficPermissions, List<? extends JsonNode> meshPermissions) {
        List<PolicyRef> out = new ArrayList<>();
        for (JsonNode tp : trafficPermissions) {
            if (anyService(tp.path("sources")) && anyService(tp.path("destinations"))) {
                out.add(new PolicyRef(
                        MeshResourceType.TRAFFIC_PERMISSION.name(),
                        tp.path("name").asText()));
            }
        }
        for (JsonNode mtp : meshPermissions) {
            JsonNode spec = mtp.path("spec");
            boolean wholeMesh =
                    "Mesh".equals(spec.path("targetRef").path("kind").asText("Mesh"));
            boolean allowsMesh = false;
            boolean denies = false;
            for (JsonNode from : spec.path("from")) {
                String action = from.path("default").path("action").asText();
                boolean allows = "Allow".equalsIgnoreCase(action) || "AllowWithShadowDeny".equalsIgnoreCase(action);
                allowsMesh |= allows
                        && "Mesh".equals(from.path("targetRef").path("kind").asText("Mesh"));
                denies |= !allows;
            }
            if (wholeMesh && allowsMesh && !denies && spec.path("rules").isEmpty()) {
                out.add(new PolicyRef(
                        MeshResourceType.MESH_TRAFFIC_PERMISSION.name(),
                        mtp.path("name").asText()));
            }
        }
        return List.copyOf(out);
    }

    private static boolean anyService(JsonNode selectors) {
        for (JsonNode selector : selectors) {
            if ("*".equals(selector.path("match").path(SERVICE_TAG).asText())) {
                return true;
            }
        }
        return false;
    }
}
