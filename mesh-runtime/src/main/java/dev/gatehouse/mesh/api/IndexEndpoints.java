package dev.gatehouse.mesh.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.manager.ResourceManager;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceType;
import dev.gatehouse.mesh.store.MeshStore;
import dev.gatehouse.mesh.store.StoreSnapshot;

/** {@code GET /} (Kuma's index), {@code GET /_resources} and the Gatehouse {@code /meshes/{mesh}/_snapshot}. */
public final class IndexEndpoints {
    /** The Kuma version whose API this control plane serves. */
    public static final String KUMA_VERSION = "2.14.3";
    private final String hostname;
    private final String instanceId;
    private final MeshStore store;
    private final ResourceManager resources;
    private final boolean readOnly;

    public IndexEndpoints(String hostname, String instanceId, MeshStore store, ResourceManager resources, boolean readOnly) {
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

    /** {@code GET /_resources}: the resource types served (ResourceTypeDescriptionList). */
    public ApiResponse resourceTypes() {
        ObjectNode out = ResourceCodec.JSON.createObjectNode();
        ArrayNode list = out.putArray("resources");
        for (ResourceType t : ResourceType.values()) {
            ObjectNode o = list.addObject();
            o.put("name", t.kumaName());
            o.put("scope", t.meshScoped() ? "Mesh" : "Global");
            o.put("readOnly", readOnly);
            o.put("path", t.path());
            o.put("singularDisplayName", t.kumaName());
            o.put("pluralDisplayName", t.kumaName() + "s");
            o.put("includeInFederation", false);
            if (t.isPolicy()) {
                ObjectNode p = o.putObject("policy");
                p.put("isTargetRef", t.specNested());
                p.put("isFromAsRules", false);
                p.put("hasFromTargetRef", true);
                p.put("hasToTargetRef", false);
                p.put("hasRulesTargetRef", false);
                p.put("isInbound", true);
                p.put("isOutbound", false);
            }
        }
        return ApiResponse.json(out);
    }

    /**
     * One consistent view of a mesh for a data plane: the Mesh, its dataplanes and permission policies, and the
     * store revision it reflects (watch events carry revisions too).
     */
    public ApiResponse snapshot(String mesh) {
        ResourceEndpoints.guarded(() -> {
            resources.requireMesh(ResourceType.DATAPLANE, mesh);
            return null;
        }, "Failed to retrieve Mesh");
        StoreSnapshot snap = store.snapshot();
        ObjectNode out = ResourceCodec.JSON.createObjectNode();
        out.put("revision", snap.revision());
        snap.get(ResourceType.MESH, "", mesh).ifPresent(m -> out.set("mesh", ResourceCodec.toRest(m)));
        for (ResourceType t : new ResourceType[] {ResourceType.DATAPLANE, ResourceType.TRAFFIC_PERMISSION, ResourceType.MESH_TRAFFIC_PERMISSION}) {
            ArrayNode a = out.putArray(t.path());
            for (Resource r : snap.list(t, mesh)) {
                a.add(ResourceCodec.toRest(r));
            }
        }
        return ApiResponse.json(out);
    }
}
