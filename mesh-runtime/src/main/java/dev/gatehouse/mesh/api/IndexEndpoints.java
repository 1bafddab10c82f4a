package dev.gatehouse.mesh.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.manager.ResourceManager;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.ResourceTypeRegistry;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import dev.gatehouse.mesh.store.MeshStore;
import dev.gatehouse.mesh.store.StoreSnapshot;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /} (Kuma's index), {@code GET /_resources}, {@code GET /policies} and the Gatehouse {@code /meshes/{mesh}/_snapshot}. */
public final class IndexEndpoints {
    /** The Kuma version whose API this control plane serves. */
    public static final String KUMA_VERSION = "2.14.3";

    private final String hostname;
    private final String instanceId;
    private final MeshStore store;
    private final ResourceManager resources;
    private final boolean readOnly;
    private final ResourceTypeRegistry types;

    public IndexEndpoints(
            ResourceTypeRegistry types,
            String hostname,
            String instanceId,
            MeshStore store,
            ResourceManager resources,
            boolean readOnly) {
        this.types = types;
        this.hostname = hostname;
        this.instanceId = instanceId;
        this.store = store;
        this.resources = resources;
        this.readOnly = readOnly;
    }

    /** {@code {hostname, product, version, instanceId, clusterId, gui, basedOnKuma}} (api-server/index_endpoints.go). */
    public ApiResponse index() {
        ObjectNode out = ResourceCodec.JSON.createObjectNode();
        out.put("hostname", hostname);
        out.put("product", "Gatehouse Mesh");
        out.put("version", KUMA_VERSION);
        out.put("instanceId", instanceId);
        out.put("clusterId", instanceId);
        out.put("gui", "");
        out.put("basedOnKuma", KUMA_VERSION);
        return ApiResponse.json(out);
    }

    /**
     * {@code GET /_resources}: the resource types served, described from their descriptors as Kuma's
     * {@code MapResourceTypeDescription} does (pkg/api-server/mappers/resource_type_description.go @v2.14.3). The
     * order is the registry's; Kuma sorts by name.
     */
    public ApiResponse resourceTypes() {
        ObjectNode out = ResourceCodec.JSON.createObjectNode();
        ArrayNode list = out.putArray("resources");
        for (ResourceTypeDescriptor t : types.all()) {
            ObjectNode o = list.addObject();
            o.put("includeInFederation", t.includeInFederation());
            o.put("name", t.name());
            o.put("path", t.wsPath());
            o.put("pluralDisplayName", t.pluralDisplayName());
            t.policy()
                    .ifPresent(p -> o.putObject("policy")
                            .put("hasFromTargetRef", p.hasFromTargetRef())
                            .put("hasRulesTargetRef", p.hasRulesTargetRef())
                            .put("hasToTargetRef", p.hasToTargetRef())
                            .put("isFromAsRules", p.isFromAsRules())
                            .put("isTargetRef", p.targetRefBased()));
            o.put("readOnly", readOnly);
            o.put("scope", t.scope().kumaName());
            o.put("shortName", t.shortName());
            o.put("singularDisplayName", t.singularDisplayName());
        }
        return ApiResponse.json(out);
    }

    /**
     * {@code GET /policies}: the policy types, sorted by name, as Kuma's {@code addPoliciesWsEndpoints} lists them
     * (pkg/api-server/policies_endpoints.go @v2.14.3: {@code isInbound} is {@code HasFromTargetRef},
     * {@code isOutbound} {@code HasToTargetRef}).
     */
    public ApiResponse policyTypes() {
        ObjectNode out = ResourceCodec.JSON.createObjectNode();
        ArrayNode list = out.putArray("policies");
        types.all().stream()
                .filter(ResourceTypeDescriptor::isPolicy)
                .sorted(java.util.Comparator.comparing(ResourceTypeDescriptor::name))
                .forEach(t -> {
                    var traits = t.policy().orElseThrow();
                    list.addObject()
                            .put("name", t.name())
                            .put("readOnly", readOnly)
                            .put("path", t.wsPath())
                            .put("singularDisplayName", t.singularDisplayName())
                            .put("pluralDisplayName", t.pluralDisplayName())
                            .put("isExperimental", false)
                            .put("isTargetRefBased", traits.targetRefBased())
                            .put("isInbound", traits.hasFromTargetRef())
                            .put("isOutbound", traits.hasToTargetRef());
                });
        return ApiResponse.json(out);
    }

    /**
     * One consistent view of a mesh for a data plane: the Mesh, its dataplanes and its policies of every type (each
     * under its REST path), and the store revision it reflects (watch events carry revisions too).
     */
    public ApiResponse snapshot(String mesh) {
        ResourceEndpoints.guarded(
                () -> {
                    resources.requireMesh(DataplaneType.DESCRIPTOR, mesh);
                    return null;
                },
                "Failed to retrieve Mesh");
        StoreSnapshot snap = store.snapshot();
        ObjectNode out = ResourceCodec.JSON.createObjectNode();
        out.put("revision", snap.revision());
        snap.get(MeshType.DESCRIPTOR, "", mesh).ifPresent(m -> out.set("mesh", ResourceCodec.toRest(m)));
        List<ResourceTypeDescriptor> carried = new ArrayList<>(List.of(DataplaneType.DESCRIPTOR));
        types.all().stream().filter(t -> t.meshScoped() && t.isPolicy()).forEach(carried::add);
        for (ResourceTypeDescriptor t : carried) {
            ArrayNode a = out.putArray(t.wsPath());
            for (Resource r : snap.list(t, mesh)) {
                a.add(ResourceCodec.toRest(r));
            }
        }
        return ApiResponse.json(out);
    }
}
