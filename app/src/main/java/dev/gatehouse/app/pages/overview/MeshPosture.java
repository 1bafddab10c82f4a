package dev.gatehouse.app.pages.overview;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One mesh's east-west security: whether mTLS is on (permissions are only enforced with mTLS, Kuma docs) and
 * which policies still allow everything to talk to everything.
 */
public record MeshPosture(String mesh, boolean mtls, String backend, List<String> allowAllPolicies) {

    /** Zero trust means: mTLS on and no allow-everything policy left. */
    public boolean zeroTrust() {
        return mtls && allowAllPolicies.isEmpty();
    }

    /** Reads a mesh and its permissions as the Kuma REST API returns them (Universal format). */
    public static MeshPosture of(
            JsonNode mesh,
            List<? extends JsonNode> trafficPermissions,
            List<? extends JsonNode> meshTrafficPermissions) {
        String backend = mesh.path("mtls").path("enabledBackend").asText("");
        List<String> allowAll = new java.util.ArrayList<>();
        for (JsonNode tp : trafficPermissions) {
            if (allWildcard(tp.path("sources")) && allWildcard(tp.path("destinations"))) {
                allowAll.add(tp.path("name").asText());
            }
        }
        for (JsonNode mtp : meshTrafficPermissions) {
            JsonNode spec = mtp.path("spec");
            boolean wholeMesh =
                    "Mesh".equals(spec.path("targetRef").path("kind").asText("Mesh"));
            for (JsonNode from : spec.path("from")) {
                if (wholeMesh
                        && "Mesh".equals(from.path("targetRef").path("kind").asText())
                        && "Allow".equals(from.path("default").path("action").asText())) {
                    allowAll.add(mtp.path("name").asText());
                    break;
                }
            }
        }
        return new MeshPosture(mesh.path("name").asText(), !backend.isEmpty(), backend, List.copyOf(allowAll));
    }

    /** True when every selector matches any service ({@code kuma.io/service: '*'}). */
    private static boolean allWildcard(JsonNode selectors) {
        if (!selectors.isArray() || selectors.isEmpty()) {
            return false;
        }
        for (JsonNode selector : selectors) {
            JsonNode match = selector.path("match");
            if (!"*".equals(match.path("kuma.io/service").asText()) || match.size() != 1) {
                return false;
            }
        }
        return true;
    }
}
