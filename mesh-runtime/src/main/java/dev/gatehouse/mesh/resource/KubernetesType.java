package dev.gatehouse.mesh.resource;

/**
 * The Kubernetes form of a resource type: its custom resource definition (Kuma's CRDs in
 * deployments/charts/kuma/crds and pkg/plugins/policies/&#42;/k8s/crd @v2.14.3).
 *
 * @param group  API group ({@code kuma.io})
 * @param version API version ({@code v1alpha1})
 * @param kind   the {@code kind} of an object
 * @param plural the resource name in API paths ({@code /apis/kuma.io/v1alpha1/<plural>})
 * @param scope  cluster-wide, or one per namespace
 */
public record KubernetesType(String group, String version, String kind, String plural, Scope scope) {
    /** The group and version of every Kuma CRD. */
    public static final String KUMA_GROUP = "kuma.io";

    public static final String KUMA_VERSION = "v1alpha1";

    /** A CRD's {@code spec.scope}. */
    public enum Scope {
        CLUSTER,
        NAMESPACED
    }

    /** A {@code kuma.io/v1alpha1} custom resource. */
    public static KubernetesType kuma(String kind, String plural, Scope scope) {
        return new KubernetesType(KUMA_GROUP, KUMA_VERSION, kind, plural, scope);
    }
}
