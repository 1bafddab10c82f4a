package dev.gatehouse.mesh.resource;

import dev.gatehouse.mesh.validation.Violations;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the control plane needs to know about one resource type, in the shape of Kuma's
 * {@code model.ResourceTypeDescriptor} (pkg/core/resources/model/resource.go @v2.14.3): its name, REST path and
 * kumactl arguments, scope, whether it is a policy, its Universal body layout, known fields and validator, its
 * deprecation warnings, and its Kubernetes form. The REST API, the index, decoding, validation, the watch stream and
 * the store all read it, so a new type is one descriptor in a {@link ResourceTypeRegistry}. One instance per type:
 * descriptors compare by identity.
 */
public final class ResourceTypeDescriptor {
    private final String name;
    private final String wsPath;
    private final String kumactlArg;
    private final String kumactlListArg;
    private final ResourceScope scope;
    private final String singularDisplayName;
    private final String pluralDisplayName;
    private final String shortName;
    private final boolean includeInFederation;
    private final PolicyTraits policy;
    private final boolean specNested;
    private final KnownFields.Message fields;
    private final Function<Resource, Violations> validator;
    private final Function<Resource, List<String>> deprecations;
    private final KubernetesType kubernetes;

    private ResourceTypeDescriptor(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.wsPath = Objects.requireNonNull(b.wsPath, "wsPath");
        this.kumactlArg = Objects.requireNonNull(b.kumactlArg, "kumactlArg");
        this.kumactlListArg = Objects.requireNonNull(b.kumactlListArg, "kumactlListArg");
        this.scope = Objects.requireNonNull(b.scope, "scope");
        this.singularDisplayName = Objects.requireNonNull(b.singularDisplayName, "singularDisplayName");
        this.pluralDisplayName = Objects.requireNonNull(b.pluralDisplayName, "pluralDisplayName");
        this.shortName = b.shortName;
        this.includeInFederation = b.includeInFederation;
        this.policy = b.policy;
        this.specNested = b.specNested;
        this.fields = Objects.requireNonNull(b.fields, "fields");
        this.validator = Objects.requireNonNull(b.validator, "validator");
        this.deprecations = b.deprecations;
        this.kubernetes = Objects.requireNonNull(b.kubernetes, "kubernetes");
    }

    /** Starts a descriptor of the type Kuma calls {@code name} (the {@code type} field of a Universal resource). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Kuma's type name ({@code Name}), the {@code type} field of a Universal resource. */
    public String name() {
        return name;
    }

    /** REST path segment ({@code WsPath}): {@code /meshes/{mesh}/<wsPath>} when mesh-scoped, {@code /<wsPath>} otherwise. */
    public String wsPath() {
        return wsPath;
    }

    /** {@code KumactlArg}: the argument of {@code kumactl get|delete}. */
    public String kumactlArg() {
        return kumactlArg;
    }

    /** {@code KumactlListArg}: the argument of {@code kumactl get} for a list. */
    public String kumactlListArg() {
        return kumactlListArg;
    }

    public ResourceScope scope() {
        return scope;
    }

    public boolean meshScoped() {
        return scope == ResourceScope.MESH;
    }

    public String singularDisplayName() {
        return singularDisplayName;
    }

    public String pluralDisplayName() {
        return pluralDisplayName;
    }

    /** {@code ShortName} (kubectl, KRIs); empty when Kuma gives none. */
    public String shortName() {
        return shortName;
    }

    /** Kuma derives it from the KDS flags: synced from global to zones and not read-only. */
    public boolean includeInFederation() {
        return includeInFederation;
    }

    /** {@code IsPolicy}. */
    public boolean isPolicy() {
        return policy != null;
    }

    /** How a policy type matches (absent for Mesh, Dataplane and other non-policies). */
    public Optional<PolicyTraits> policy() {
        return Optional.ofNullable(policy);
    }

    /** New-style (targetRef) policies nest their body under {@code spec}; legacy types keep it inline. */
    public boolean specNested() {
        return specNested;
    }

    /** The body's fields as Kuma decodes them (what is stored and echoed). */
    public KnownFields.Message fields() {
        return fields;
    }

    /** The body checks (Kuma's {@code Resource.Validate}). */
    public Violations validate(Resource r) {
        return validator.apply(r);
    }

    /** Deprecation warnings returned on PUT (Kuma's {@code Deprecations()}). */
    public List<String> deprecations(Resource r) {
        return deprecations == null ? List.of() : deprecations.apply(r);
    }

    /** The custom resource of this type on Kubernetes. */
    public KubernetesType kubernetes() {
        return kubernetes;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds a descriptor; the fields mirror Kuma's struct literal in the generated {@code zz_generated.resource.go}. */
    public static final class Builder {
        private final String name;
        private String wsPath;
        private String kumactlArg;
        private String kumactlListArg;
        private ResourceScope scope;
        private String singularDisplayName;
        private String pluralDisplayName;
        private String shortName = "";
        private boolean includeInFederation;
        private PolicyTraits policy;
        private boolean specNested;
        private KnownFields.Message fields;
        private Function<Resource, Violations> validator;
        private Function<Resource, List<String>> deprecations;
        private KubernetesType kubernetes;

        private Builder(String name) {
            this.name = name;
        }

        public Builder wsPath(String value) {
            wsPath = value;
            return this;
        }

        public Builder kumactlArgs(String single, String list) {
            kumactlArg = single;
            kumactlListArg = list;
            return this;
        }

        public Builder scope(ResourceScope value) {
            scope = value;
            return this;
        }

        public Builder displayNames(String singular, String plural) {
            singularDisplayName = singular;
            pluralDisplayName = plural;
            return this;
        }

        public Builder shortName(String value) {
            shortName = value;
            return this;
        }

        public Builder includeInFederation(boolean value) {
            includeInFederation = value;
            return this;
        }

        public Builder policy(PolicyTraits value) {
            policy = value;
            return this;
        }

        public Builder specNested(boolean value) {
            specNested = value;
            return this;
        }

        public Builder fields(KnownFields.Message value) {
            fields = value;
            return this;
        }

        public Builder validator(Function<Resource, Violations> value) {
            validator = value;
            return this;
        }

        public Builder deprecations(Function<Resource, List<String>> value) {
            deprecations = value;
            return this;
        }

        public Builder kubernetes(KubernetesType value) {
            kubernetes = value;
            return this;
        }

        public ResourceTypeDescriptor build() {
            return new ResourceTypeDescriptor(this);
        }
    }
}
