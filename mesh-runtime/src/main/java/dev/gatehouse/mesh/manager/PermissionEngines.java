package dev.gatehouse.mesh.manager;

import dev.gatehouse.mesh.policy.PermissionEngine;
import dev.gatehouse.mesh.policy.PolicySnapshot;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import dev.gatehouse.mesh.store.MeshStore;
import dev.gatehouse.mesh.store.StoreSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Compiled permission engines per mesh, rebuilt lazily when the store revision moves on. */
public final class PermissionEngines {
    private final MeshStore store;
    private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

    private record Compiled(long revision, PermissionEngine engine) {}

    public PermissionEngines(MeshStore store) {
        this.store = store;
    }

    /** The engine of a mesh at the current revision, or empty when the mesh does not exist. */
    public Optional<PermissionEngine> forMesh(String mesh) {
        StoreSnapshot snap = store.snapshot();
        Compiled c = cache.get(mesh);
        if (c != null && c.revision() == snap.revision()) {
            return Optional.of(c.engine());
        }
        Optional<PolicySnapshot> ps = snapshot(snap, mesh);
        if (ps.isEmpty()) {
            cache.remove(mesh);
            return Optional.empty();
        }
        PermissionEngine engine = PermissionEngine.compile(ps.get());
        cache.put(mesh, new Compiled(snap.revision(), engine));
        return Optional.of(engine);
    }

    /** The policy snapshot of one mesh as stored. */
    public static Optional<PolicySnapshot> snapshot(StoreSnapshot snap, String mesh) {
        Optional<Resource> meshRes = snap.get(MeshType.key(mesh));
        if (meshRes.isEmpty()) {
            return Optional.empty();
        }
        List<Resource> policies = new ArrayList<>();
        for (ResourceTypeDescriptor t : PolicySnapshot.PERMISSION_TYPES) {
            policies.addAll(snap.list(t, mesh));
        }
        return Optional.of(PolicySnapshot.of(meshRes.get(), policies));
    }
}
