package dev.gatehouse.mesh.store;

import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** An immutable view of every resource after one commit; {@code revision} grows by one per commit. */
public final class StoreSnapshot {
    /** Order of listings: type, then mesh, then name (Kuma lists sorted by mesh and name). */
    static final Comparator<ResourceKey> ORDER = Comparator.comparing(
                    (ResourceKey k) -> k.type().name())
            .thenComparing(ResourceKey::mesh)
            .thenComparing(ResourceKey::name);

    private final long revision;
    private final NavigableMap<ResourceKey, Resource> resources;

    StoreSnapshot(long revision, NavigableMap<ResourceKey, Resource> resources) {
        this.revision = revision;
        this.resources = Collections.unmodifiableNavigableMap(resources);
    }

    static StoreSnapshot empty() {
        return new StoreSnapshot(0, new TreeMap<>(ORDER));
    }

    public long revision() {
        return revision;
    }

    public Optional<Resource> get(ResourceKey key) {
        return Optional.ofNullable(resources.get(key));
    }

    public Optional<Resource> get(ResourceTypeDescriptor type, String mesh, String name) {
        return get(new ResourceKey(type, mesh, name));
    }

    /** Resources of one type; {@code mesh == null} means every mesh. Sorted by mesh, then name. */
    public List<Resource> list(ResourceTypeDescriptor type, String mesh) {
        if (mesh == null) {
            return List.copyOf(resources
                    .subMap(new ResourceKey(type, "", ""), true, new ResourceKey(type, "\uffff", ""), false)
                    .values());
        }
        return List.copyOf(resources
                .subMap(new ResourceKey(type, mesh, ""), true, new ResourceKey(type, mesh, "\uffff"), false)
                .values());
    }

    /** Every mesh-scoped resource of {@code mesh}, whatever its type. */
    public List<Resource> ownedBy(String mesh) {
        return resources.values().stream()
                .filter(r -> r.type().meshScoped() && r.mesh().equals(mesh))
                .toList();
    }

    public List<Resource> meshes() {
        return list(MeshType.DESCRIPTOR, "");
    }

    public int size() {
        return resources.size();
    }

    NavigableMap<ResourceKey, Resource> copyOfMap() {
        TreeMap<ResourceKey, Resource> copy = new TreeMap<>(ORDER);
        copy.putAll(resources);
        return copy;
    }
}
