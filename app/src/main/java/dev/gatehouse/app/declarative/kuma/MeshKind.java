package dev.gatehouse.app.declarative.kuma;

import dev.gatehouse.app.declarative.PlanKind;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.Set;

/** A mesh resource type in a plan; its word is Kuma's type name ({@code creating MeshTrafficPermission ...}). */
public record MeshKind(MeshResourceType type) implements PlanKind {

    @Override
    public String word() {
        return type.name();
    }

    @Override
    public Set<String> secretFields() {
        return KumaYaml.isSecretType(type.name()) ? Set.of("data") : Set.of();
    }
}
