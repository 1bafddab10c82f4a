package dev.gatehouse.mesh.resource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The resource types a control plane serves, in the order {@code /_resources} lists them (Kuma's
 * {@code registry.TypeRegistry}, pkg/core/resources/registry). Names and REST paths are unique.
 */
public final class ResourceTypeRegistry {
    private final List<ResourceTypeDescriptor> types;

    public ResourceTypeRegistry(List<ResourceTypeDescriptor> types) {
        Set<String> names = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (ResourceTypeDescriptor t : types) {
            if (!names.add(t.name()) || !paths.add(t.wsPath())) {
                throw new IllegalArgumentException(
                        "resource type " + t.name() + " (" + t.wsPath() + ") is registered twice");
            }
        }
        this.types = List.copyOf(types);
    }

    /** This registry plus {@code more}, listed after the others. */
    public ResourceTypeRegistry with(ResourceTypeDescriptor... more) {
        List<ResourceTypeDescriptor> all = new ArrayList<>(types);
        all.addAll(List.of(more));
        return new ResourceTypeRegistry(all);
    }

    public List<ResourceTypeDescriptor> all() {
        return types;
    }

    /** The type Kuma calls {@code name} ({@code Dataplane}, ...). */
    public Optional<ResourceTypeDescriptor> byName(String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The type served at REST path segment {@code path} ({@code dataplanes}, ...). */
    public Optional<ResourceTypeDescriptor> byWsPath(String path) {
        return types.stream().filter(t -> t.wsPath().equals(path)).findFirst();
    }
}
