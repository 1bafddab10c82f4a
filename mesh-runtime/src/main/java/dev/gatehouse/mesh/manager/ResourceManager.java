package dev.gatehouse.mesh.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.ca.CaRegistry;
import dev.gatehouse.mesh.resource.MetaRules;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.resource.mesh.MeshRules;
import dev.gatehouse.mesh.resource.mesh.MeshSpec;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import dev.gatehouse.mesh.resource.trafficpermission.TrafficPermissionType;
import dev.gatehouse.mesh.store.MeshStore;
import dev.gatehouse.mesh.store.StoreSnapshot;
import dev.gatehouse.mesh.validation.ValidationException;
import dev.gatehouse.mesh.validation.Violations;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Create, update and delete with Kuma's order of checks (pkg/api-server/resource_endpoints.go and
 * pkg/core/managers/apis/mesh/mesh_manager.go @v2.14.3): mesh of the path, body decoding and validation, path/body
 * agreement, then type-specific manager checks. A new Mesh gets its builtin CAs and, unless disabled, the
 * {@code allow-all-<mesh>} TrafficPermission in the same transaction.
 */
public final class ResourceManager {
    static final String DEFAULTS_APPLIED = "defaults-applied";
    private final MeshStore store;
    private final CaRegistry cas;
    private final Clock clock;
    private final boolean createDefaultAllowAll;

    public ResourceManager(MeshStore store, CaRegistry cas, Clock clock, boolean createDefaultAllowAll) {
        this.store = store;
        this.cas = cas;
        this.clock = clock;
        this.createDefaultAllowAll = createDefaultAllowAll;
    }

    /** First start: create the {@code default} mesh (Kuma's {@code EnsureDefaultMeshExists}). */
    public void ensureDefaults() {
        if (store.meta(DEFAULTS_APPLIED).isPresent()) {
            return;
        }
        store.write(tx -> {
            if (tx.get(MeshType.key("default")).isEmpty()) {
                Resource mesh = new Resource(
                        MeshType.DESCRIPTOR,
                        "",
                        "default",
                        null,
                        null,
                        Map.of(),
                        ResourceCodec.JSON.createObjectNode(),
                        0);
                createMesh(tx, mesh, new MeshSpec(null, null));
            }
            tx.putMeta(DEFAULTS_APPLIED, "true");
            return null;
        });
    }

    /** Checks that the mesh of a mesh-scoped path exists (Kuma {@code meshFromRequest}). */
    public void requireMesh(ResourceTypeDescriptor type, String mesh) {
        if (type.meshScoped() && store.snapshot().get(MeshType.key(mesh)).isEmpty()) {
            throw new NotFoundException("Failed to retrieve Mesh");
        }
    }

    /** Validates a PUT and commits it: {@link #prepare} then {@link #commit}. */
    public PutOutcome put(ResourceTypeDescriptor type, String pathMesh, String pathName, byte[] body) {
        return commit(prepare(type, pathMesh, pathName, body));
    }

    /**
     * Every check that needs no transaction, in Kuma's order: mesh of the path, body decoding and validation
     * ({@code rest.JSON.Unmarshal}), then path/body agreement ({@code validateResourceRequest}). Nothing is written.
     */
    public PreparedPut prepare(ResourceTypeDescriptor type, String pathMesh, String pathName, byte[] body) {
        requireMesh(type, pathMesh);
        JsonNode node = ResourceCodec.parseBody(body, type);
        Resource incoming = ResourceCodec.fromRest(type, node);
        type.validate(incoming).throwIfAny();
        MetaRules.request(type, pathMesh, pathName, ResourceCodec.typeOf(node), incoming)
                .throwIfAny();
        return new PreparedPut(type, pathMesh, incoming);
    }

    /**
     * A Gatehouse extension ({@code POST /_validate}; Kuma has no dry run): every check a PUT of {@code body} to its
     * own path would make, with the path's mesh and name taken from the body, including the Mesh create/update rules
     * against what is stored; the mesh of a policy need not exist yet (a file may create it first). Nothing is written.
     */
    public Resource validate(ResourceTypeDescriptor type, JsonNode node) {
        Resource incoming = ResourceCodec.fromRest(type, node);
        type.validate(incoming).throwIfAny();
        Violations meta =
                MetaRules.request(type, incoming.mesh(), incoming.name(), ResourceCodec.typeOf(node), incoming);
        if (type.meshScoped() && incoming.mesh().isEmpty()) {
            meta.add("mesh", "cannot be empty");
        }
        meta.throwIfAny();
        if (type == MeshType.DESCRIPTOR) {
            MeshSpec next = MeshSpec.of(incoming);
            Resource existing = store.snapshot().get(incoming.key()).orElse(null);
            rethrow(
                    existing == null ? "Failed to create a resource" : "Failed to update a resource",
                    existing == null
                            ? MeshRules.create(incoming.name(), next)
                            : MeshRules.update(incoming.name(), MeshSpec.of(existing), next));
        }
        return incoming;
    }

    /**
     * Stores a prepared PUT in one transaction, after the checks that depend on what is stored (mesh manager's
     * create/update rules); any failure rolls the whole transaction back.
     */
    public PutOutcome commit(PreparedPut put) {
        ResourceTypeDescriptor type = put.type();
        Resource incoming = put.resource();
        return store.write(tx -> {
            if (type.meshScoped() && tx.get(MeshType.key(put.pathMesh())).isEmpty()) {
                throw new NotFoundException("Failed to retrieve Mesh");
            }
            Resource existing = tx.get(incoming.key()).orElse(null);
            if (type == MeshType.DESCRIPTOR) {
                MeshSpec next = MeshSpec.of(incoming);
                if (existing == null) {
                    return new PutOutcome(createMesh(tx, incoming, next), true);
                }
                Violations v = MeshRules.update(incoming.name(), MeshSpec.of(existing), next);
                rethrow("Failed to update a resource", v);
                cas.ensure(tx, incoming.name(), next, clock.instant());
                return new PutOutcome(tx.put(incoming), false);
            }
            return new PutOutcome(tx.put(incoming), existing == null);
        });
    }

    private Resource createMesh(MeshStore.Transaction tx, Resource mesh, MeshSpec spec) {
        rethrow("Failed to create a resource", MeshRules.create(mesh.name(), spec));
        cas.ensure(tx, mesh.name(), spec, clock.instant());
        Resource stored = tx.put(mesh);
        if (createDefaultAllowAll && !spec.skipsInitialPolicy("TrafficPermission")) {
            tx.put(allowAll(mesh.name()));
        }
        return stored;
    }

    /** Kuma's default TrafficPermission (pkg/defaults/mesh/traffic_permission.go). */
    static Resource allowAll(String mesh) {
        ObjectNode spec = ResourceCodec.JSON.createObjectNode();
        spec.putArray("sources").addObject().putObject("match").put("kuma.io/service", "*");
        spec.putArray("destinations").addObject().putObject("match").put("kuma.io/service", "*");
        return new Resource(TrafficPermissionType.DESCRIPTOR, mesh, "allow-all-" + mesh, null, null, Map.of(), spec, 0);
    }

    public void delete(ResourceTypeDescriptor type, String mesh, String name) {
        requireMesh(type, mesh);
        ResourceKey key = new ResourceKey(type, type.meshScoped() ? mesh : "", name);
        store.write(tx -> {
            if (tx.get(key).isEmpty()) {
                throw new NotFoundException("Could not delete a resource");
            }
            if (type == MeshType.DESCRIPTOR) {
                StoreSnapshot view = tx.view();
                rethrow(
                        "Could not delete a resource",
                        MeshRules.delete(
                                !view.list(DataplaneType.DESCRIPTOR, name).isEmpty()));
                // Mesh-scoped resources are owned by the mesh and go with it.
                for (Resource r : view.ownedBy(name)) {
                    tx.delete(r.key());
                }
                tx.deleteSecrets(name);
                tx.deleteTokens(name);
            }
            tx.delete(key);
            return null;
        });
        if (type == MeshType.DESCRIPTOR) {
            cas.forget(name);
        }
    }

    public Resource get(ResourceTypeDescriptor type, String mesh, String name) {
        requireMesh(type, mesh);
        return store.snapshot()
                .get(new ResourceKey(type, type.meshScoped() ? mesh : "", name))
                .orElseThrow(() -> new NotFoundException("Could not retrieve a resource"));
    }

    /** Resources of a type in one mesh, or every mesh when {@code mesh} is null. */
    public List<Resource> list(ResourceTypeDescriptor type, String mesh) {
        if (mesh != null) {
            requireMesh(type, mesh);
        }
        return store.snapshot().list(type, type.meshScoped() ? mesh : "");
    }

    private static void rethrow(String title, Violations v) {
        if (!v.isEmpty()) {
            throw new TitledValidationException(title, new ValidationException(v.list()));
        }
    }
}
