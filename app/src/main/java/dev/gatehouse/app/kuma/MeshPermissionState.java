package dev.gatehouse.app.kuma;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.DataplanePermissions;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PermissionDecision;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import dev.gatehouse.mesh.policy.ServicePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A mesh's resources as fetched (Universal JSON), to which edits are applied as the control plane would apply them,
 * and the permissions mesh-runtime's engine computes over them: for a control plane without inspection, whether
 * reached over Kuma's REST API or as Kuma's custom resources on Kubernetes.
 */
public final class MeshPermissionState {
    private final String mesh;
    private ObjectNode meshResource;
    private final Map<String, Map<String, ObjectNode>> byType = new LinkedHashMap<>();

    public MeshPermissionState(
            String mesh,
            ObjectNode meshResource,
            List<ObjectNode> dataplanes,
            List<ObjectNode> trafficPermissions,
            List<ObjectNode> meshTrafficPermissions) {
        this.mesh = mesh;
        this.meshResource = meshResource;
        put(MeshResourceType.DATAPLANE, dataplanes);
        put(MeshResourceType.TRAFFIC_PERMISSION, trafficPermissions);
        put(MeshResourceType.MESH_TRAFFIC_PERMISSION, meshTrafficPermissions);
    }

    private void put(MeshResourceType type, List<ObjectNode> items) {
        Map<String, ObjectNode> byName = new LinkedHashMap<>();
        items.forEach(i -> byName.put(i.path("name").asText(), i));
        byType.put(type.name(), byName);
    }

    /** PUT replaces or creates by type and name, DELETE removes; an edit of the Mesh itself changes mTLS. */
    public void apply(MeshEdit edit) {
        if (edit.type().equals(MeshResourceType.MESH)) {
            if (edit.name().equals(mesh)) {
                switch (edit.kind()) {
                    case PUT -> meshResource = edit.resource().orElseThrow().deepCopy();
                    // Kuma deletes a mesh with everything in it.
                    case DELETE -> byType.values().forEach(Map::clear);
                }
            }
            return;
        }
        Map<String, ObjectNode> items = byType.get(edit.type().name());
        if (items == null || !mesh.equals(edit.mesh())) {
            return; // another mesh, or a type that decides no permission
        }
        switch (edit.kind()) {
            case PUT -> {
                ObjectNode resource = edit.resource().orElseThrow().deepCopy();
                // Kuma keeps the creation time on update; a new policy is the latest (legacy ties go to it).
                ObjectNode previous = items.get(edit.name());
                if (previous != null && previous.has("creationTime")) {
                    resource.set("creationTime", previous.get("creationTime"));
                } else if (!resource.has("creationTime")) {
                    resource.put("creationTime", Instant.now().toString());
                }
                items.put(edit.name(), resource);
            }
            case DELETE -> items.remove(edit.name());
        }
    }

    /** Every ordered pair of the mesh's services, computed by the console's engine. */
    public PermissionMatrix matrix() {
        return matrix(permissions().matrix(), PermissionMatrix.Source.CONSOLE_ENGINE);
    }

    /**
     * What-if for one pair, as the engine decides it; either service may be one no data plane has. The verdict is
     * Kuma's action name ({@code Allow}, {@code Deny}), the reason the deciding rule in words.
     */
    public PermissionDecision decide(String source, String destination) {
        ServicePermissions.Pair pair = permissions().decide(source, destination);
        boolean allowed = pair.access() != ServicePermissions.Access.DENIED;
        return new PermissionDecision(
                source,
                destination,
                allowed,
                allowed ? "Allow" : "Deny",
                pair.policy().map(ref -> new PolicyRef(ref.type(), ref.name())),
                pair.rule());
    }

    /**
     * For each inbound of data plane {@code dataplane}: the policies that govern it and the verdict for each client,
     * as the control plane's inspection answers; empty when the mesh has no such data plane.
     */
    public Optional<DataplanePermissions> permissions(String dataplane) {
        ObjectNode dp = byType.get(MeshResourceType.DATAPLANE.name()).get(dataplane);
        if (dp == null) {
            return Optional.empty();
        }
        ServicePermissions permissions = permissions();
        List<DataplanePermissions.Inbound> inbounds = new ArrayList<>();
        for (ServicePermissions.Inbound in : permissions.inbounds(dp)) {
            inbounds.add(new DataplanePermissions.Inbound(
                    Math.toIntExact(in.port()),
                    new TreeMap<>(in.tags()),
                    in.mode(),
                    in.policies().stream().map(MeshPermissionState::ref).toList(),
                    in.rules().stream()
                            .map(r ->
                                    new DataplanePermissions.Rule(new TreeMap<>(r.from()), r.action(), ref(r.policy())))
                            .toList(),
                    in.clients().stream()
                            .map(c -> new DataplanePermissions.ClientVerdict(
                                    new TreeMap<>(c.tags()),
                                    c.verdict(),
                                    c.allowed(),
                                    Optional.ofNullable(c.policy()).map(MeshPermissionState::ref)))
                            .toList()));
        }
        return Optional.of(
                new DataplanePermissions(mesh, dataplane, permissions.mtlsEnabled(), List.copyOf(inbounds), false));
    }

    private static PolicyRef ref(dev.gatehouse.mesh.policy.PolicyRef ref) {
        return ref == null ? null : new PolicyRef(ref.type(), ref.name());
    }

    static PermissionMatrix matrix(ServicePermissions.Matrix m, PermissionMatrix.Source source) {
        List<ServiceAccess> pairs = new ArrayList<>(m.pairs().size());
        for (ServicePermissions.Pair p : m.pairs()) {
            pairs.add(new ServiceAccess(
                    p.source(),
                    p.destination(),
                    ServiceAccess.Access.valueOf(p.access().name()),
                    p.policy().map(ref -> new PolicyRef(ref.type(), ref.name())),
                    p.rule()));
        }
        return new PermissionMatrix(m.mesh(), m.mtlsEnabled(), source, m.services(), pairs);
    }

    private ServicePermissions permissions() {
        return ServicePermissions.fromRest(
                meshResource,
                List.copyOf(byType.get(MeshResourceType.DATAPLANE.name()).values()),
                List.copyOf(
                        byType.get(MeshResourceType.TRAFFIC_PERMISSION.name()).values()),
                List.copyOf(byType.get(MeshResourceType.MESH_TRAFFIC_PERMISSION.name())
                        .values()));
    }
}
