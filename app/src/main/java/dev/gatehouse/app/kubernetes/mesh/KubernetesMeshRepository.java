package dev.gatehouse.app.kubernetes.mesh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.KumaCustomResources;
import dev.gatehouse.app.declarative.kubernetes.KumaCustomResources.Kind;
import dev.gatehouse.app.declarative.kubernetes.KumaCustomResources.MeshPlacement;
import dev.gatehouse.app.declarative.kubernetes.KumaCustomResources.ObjectName;
import dev.gatehouse.app.kubernetes.cluster.ApiServerVersion;
import dev.gatehouse.app.kuma.MeshPermissionState;
import dev.gatehouse.app.repository.mesh.DataplanePermissions;
import dev.gatehouse.app.repository.mesh.MeshCapabilities;
import dev.gatehouse.app.repository.mesh.MeshChange;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshNode;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.MeshWatch;
import dev.gatehouse.app.repository.mesh.PermissionDecision;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The mesh repository over Kuma's custom resources ({@code kuma.io/v1alpha1}) on Kubernetes, through a Fabric8
 * client: there Kuma's REST API is read-only and the API server is where changes go, as with kubectl. Meshes and
 * TrafficPermissions are cluster-scoped; MeshTrafficPermissions live in the control plane's namespace with the label
 * {@code kuma.io/mesh}; Dataplanes, which Kuma generates from Pods, are read from every namespace and never written.
 * Resources are converted to and from Kuma's Universal JSON by {@link KumaCustomResources}, so pages see the same
 * objects as over the REST API. A data plane's permissions are the control plane's inspection when its API is given
 * (a port-forward to 5681), else, or when it fails, computed by the console with mesh-runtime's engine over the
 * fetched custom resources, as the matrix always is. Every blocking Fabric8 call runs on the executor given, never
 * on the caller's thread.
 */
public final class KubernetesMeshRepository implements MeshRepository {

    /** Where Kuma's Helm chart installs the control plane, and so where mesh-wide new-style policies live. */
    public static final String DEFAULT_CONTROL_PLANE_NAMESPACE = "kuma-system";

    /** The types the console works with over Kubernetes, in the order capabilities list them. */
    private static final List<MeshResourceType> TYPES = List.of(
            MeshResourceType.MESH,
            MeshResourceType.DATAPLANE,
            MeshResourceType.TRAFFIC_PERMISSION,
            MeshResourceType.MESH_TRAFFIC_PERMISSION,
            MeshResourceType.MESH_ACCESS_LOG);

    /** Kuma's control plane Deployment as its Helm charts label it ({@code app: <chart>-control-plane}). */
    private static final Map<String, String> CONTROL_PLANES =
            Map.of("kuma-control-plane", "Kuma", "kong-mesh-control-plane", "Kong Mesh");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String controlPlaneNamespace;
    private final Executor executor;
    private final Optional<MeshRepository> controlPlane;

    public KubernetesMeshRepository(KubernetesClient client, String controlPlaneNamespace, Executor executor) {
        this(client, controlPlaneNamespace, executor, Optional.empty());
    }

    /** With the control plane's own API ({@code controlPlane}, read only) for its inspection. */
    public KubernetesMeshRepository(
            KubernetesClient client,
            String controlPlaneNamespace,
            Executor executor,
            Optional<MeshRepository> controlPlane) {
        this.client = client;
        this.controlPlaneNamespace = controlPlaneNamespace;
        this.executor = executor;
        this.controlPlane = controlPlane;
    }

    /** Kuma installed in {@value #DEFAULT_CONTROL_PLANE_NAMESPACE}. */
    public KubernetesMeshRepository(KubernetesClient client, Executor executor) {
        this(client, DEFAULT_CONTROL_PLANE_NAMESPACE, executor);
    }

    /** The API server. */
    @Override
    public URI address() {
        try {
            return client.getMasterUrl().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the client's API server URL is no URI: " + client.getMasterUrl(), e);
        }
    }

    /**
     * Kuma's control plane Deployment in the control plane's namespace, by its Helm chart's {@code app} label: the
     * product by chart, the version by the image tag ({@code kumahq/kuma-cp:2.14.3}). An empty version when no such
     * Deployment is visible: the custom resources alone do not say which version serves them.
     */
    @Override
    public CompletableFuture<MeshNode> node() {
        KubernetesFailures.Call call =
                new KubernetesFailures.Call("list", "deployments.apps", controlPlaneNamespace, "");
        return call(call, () -> {
            List<Deployment> found = client.apps()
                    .deployments()
                    .inNamespace(controlPlaneNamespace)
                    .withLabelIn("app", CONTROL_PLANES.keySet().toArray(String[]::new))
                    .list()
                    .getItems();
            if (found.isEmpty()) {
                // The control plane's Deployment is not visible to this user (or lives elsewhere): the resources
                // are still Kuma's, served by this API server.
                return new MeshNode("Kuma", "CRDs on Kubernetes " + ApiServerVersion.of(client));
            }
            Deployment cp = found.get(0);
            String product = CONTROL_PLANES.get(cp.getMetadata().getLabels().get("app"));
            String image =
                    cp.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            int colon = image.lastIndexOf(':');
            return new MeshNode(product, colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "");
        });
    }

    @Override
    public CompletableFuture<List<ObjectNode>> meshes() {
        Kind kind = kind(MeshResourceType.MESH);
        return call(list(kind), () -> listAll(kind, ALL_MESHES));
    }

    /**
     * The data planes of {@code mesh} as Kuma's DataplaneOverview items: the Dataplane under {@code dataplane} and
     * its DataplaneInsight's status under {@code dataplaneInsight} (empty where the cluster has none, e.g. without
     * the DataplaneInsight CRD).
     */
    @Override
    public CompletableFuture<List<ObjectNode>> dataplanes(String mesh) {
        Kind kind = kind(MeshResourceType.DATAPLANE);
        return call(list(kind), () -> {
            Map<String, JsonNode> insights = insights();
            List<ObjectNode> overviews = new ArrayList<>();
            for (ObjectNode dp : listAll(kind, mesh)) {
                ObjectNode overview = dp.objectNode().put("type", "DataplaneOverview");
                for (String meta : List.of("mesh", "name", "creationTime", "modificationTime", "labels")) {
                    if (dp.has(meta)) {
                        overview.set(meta, dp.get(meta));
                    }
                }
                ObjectNode spec = dp.deepCopy();
                spec.remove(List.of("type", "mesh", "name", "creationTime", "modificationTime", "labels"));
                overview.set("dataplane", spec);
                JsonNode insight = insights.get(dp.path("name").asText());
                overview.set("dataplaneInsight", insight == null ? dp.objectNode() : insight.deepCopy());
                overviews.add(overview);
            }
            return overviews;
        });
    }

    /** DataplaneInsights by Kuma name; none when the cluster has no such CRD. */
    private Map<String, JsonNode> insights() {
        Kind kind = new Kind("DataplaneInsight", "dataplaneinsights", true, MeshPlacement.FIELD, true);
        Map<String, JsonNode> out = new HashMap<>();
        try {
            for (GenericKubernetesResource r :
                    operation(kind).inAnyNamespace().list().getItems()) {
                ObjectNode json = json(r);
                out.put(
                        KumaCustomResources.kumaName(
                                r.getMetadata().getName(), r.getMetadata().getNamespace()),
                        json.path("status"));
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
        return out;
    }

    @Override
    public CompletableFuture<List<ObjectNode>> policies(String mesh, MeshResourceType type) {
        return withKind(type, kind -> call(list(kind), () -> listAll(kind, mesh)));
    }

    @Override
    public CompletableFuture<Optional<ObjectNode>> find(MeshResourceType type, String mesh, String name) {
        return withKind(type, kind -> {
            ObjectName object = KumaCustomResources.objectName(kind, name, controlPlaneNamespace);
            return call(
                    call("get", kind, object),
                    () -> get(kind, object)
                            .map(r -> KumaCustomResources.toUniversal(kind, json(r)))
                            .filter(r -> inMesh(kind, r, mesh)));
        });
    }

    /**
     * A PUT creates the custom resource, or replaces it keeping its annotations and taking the current
     * resourceVersion (Kuma's PUT replaces whatever is there; a change between the read and the write is a 409);
     * a DELETE of a resource that is not there is a 404, as in Kuma's store. Dataplanes are refused.
     */
    @Override
    public CompletableFuture<Void> apply(MeshEdit edit) {
        if (edit.type().equals(MeshResourceType.DATAPLANE)) {
            return CompletableFuture.failedFuture(readOnlyDataplane(edit.name()));
        }
        return withKind(edit.type(), kind -> apply(edit, kind));
    }

    private CompletableFuture<Void> apply(MeshEdit edit, Kind kind) {
        ObjectName object = KumaCustomResources.objectName(kind, edit.name(), controlPlaneNamespace);
        return switch (edit.kind()) {
            case PUT -> {
                ObjectNode resource = edit.resource().orElseThrow();
                KubernetesFailures.Call call = call("update", kind, object);
                yield call(call, () -> {
                    write(kind, resource, object, false);
                    return null;
                });
            }
            case DELETE ->
                call(call("delete", kind, object), () -> {
                    Optional<GenericKubernetesResource> current = get(kind, object)
                            .filter(r -> inMesh(kind, KumaCustomResources.toUniversal(kind, json(r)), edit.mesh()));
                    if (current.isEmpty()) {
                        throw new MeshException(
                                404,
                                kind.type() + " " + edit.name() + " was not found"
                                        + (edit.mesh().isEmpty() ? "" : " in mesh " + edit.mesh()) + ".",
                                Map.of());
                    }
                    resource(kind, object).delete();
                    return null;
                });
        };
    }

    /**
     * A server-side dry run ({@code dryRun=All}) of the PUT: the API server runs its validation and the admission
     * webhooks, Kuma's among them, and stores nothing. True when checked.
     */
    @Override
    public CompletableFuture<Boolean> validate(ObjectNode resource) {
        MeshResourceType type = TYPES.stream()
                .filter(t -> t.name().equals(resource.path("type").asText()))
                .findFirst()
                .orElse(null);
        if (type == null) {
            return CompletableFuture.completedFuture(false); // a type the console does not store here
        }
        Kind kind = kind(type);
        ObjectName object =
                KumaCustomResources.objectName(kind, resource.path("name").asText(), controlPlaneNamespace);
        if (type.equals(MeshResourceType.DATAPLANE)) {
            return CompletableFuture.failedFuture(
                    readOnlyDataplane(resource.path("name").asText()));
        }
        return call(call("update", kind, object), () -> {
            write(kind, resource, object, true);
            return true;
        });
    }

    /**
     * Writes are allowed (the API server decides by RBAC, per call); Dataplanes are the exception, refused by
     * {@link #apply}. The types are those of the console the cluster serves in {@code kuma.io/v1alpha1}, by API
     * discovery; MeshTrafficPermission when its CRD is installed.
     */
    @Override
    public CompletableFuture<MeshCapabilities> capabilities() {
        KubernetesFailures.Call call = new KubernetesFailures.Call("get", KumaCustomResources.API_VERSION, "", "");
        return call(call, () -> {
            APIResourceList served = client.getApiResources(KumaCustomResources.API_VERSION);
            if (served == null) {
                throw new MeshException(
                        404,
                        "The cluster serves no " + KumaCustomResources.API_VERSION
                                + " resources: Kuma's custom resource definitions are not installed.",
                        Map.of());
            }
            Set<String> plurals = new java.util.HashSet<>();
            for (APIResource r : served.getResources()) {
                plurals.add(r.getName());
            }
            List<MeshResourceType> types = TYPES.stream()
                    .filter(t -> plurals.contains(kind(t).plural()))
                    .toList();
            boolean mtp = types.contains(MeshResourceType.MESH_TRAFFIC_PERMISSION);
            return new MeshCapabilities(false, Optional.empty(), mtp, types);
        });
    }

    @Override
    public CompletableFuture<PermissionMatrix> permissionMatrix(String mesh) {
        return state(mesh).thenApply(MeshPermissionState::matrix);
    }

    @Override
    public CompletableFuture<PermissionMatrix> previewMatrix(String mesh, List<MeshEdit> edits) {
        List<MeshEdit> copy = List.copyOf(edits);
        return state(mesh).thenApply(state -> {
            copy.forEach(state::apply);
            return state.matrix();
        });
    }

    /**
     * The control plane's inspection when its API was given; computed by the console's engine over the fetched
     * custom resources otherwise, or when the inspection fails (the forward broke, a Kuma without the path).
     */
    @Override
    public CompletableFuture<DataplanePermissions> permissions(String mesh, String dataplane) {
        return controlPlane
                .map(cp -> cp.permissions(mesh, dataplane)
                        .exceptionallyCompose(failure -> computedPermissions(mesh, dataplane)))
                .orElseGet(() -> computedPermissions(mesh, dataplane));
    }

    private CompletableFuture<DataplanePermissions> computedPermissions(String mesh, String dataplane) {
        return state(mesh)
                .thenApply(state -> state.permissions(dataplane)
                        .orElseThrow(() -> new MeshException(
                                404, "Data plane " + dataplane + " was not found in mesh " + mesh + ".", Map.of())));
    }

    @Override
    public CompletableFuture<PermissionDecision> decide(String mesh, String source, String destination) {
        return state(mesh).thenApply(state -> state.decide(source, destination));
    }

    /**
     * Kubernetes watches on the custom resources of {@code types} (all namespaces), listed first and watched from
     * the list's resourceVersion; changes reach {@code onChange} on the repository's executor in order, and
     * {@code onEnd} hears why a watch ended with an error (a 404 when a type's CRD is not installed).
     */
    @Override
    public MeshWatch watch(
            Set<MeshResourceType> types, String mesh, Consumer<MeshChange> onChange, Consumer<Throwable> onEnd) {
        List<CrdWatch.Source> sources = new ArrayList<>();
        for (MeshResourceType type : types.stream()
                .sorted(Comparator.comparing(MeshResourceType::name))
                .toList()) {
            Kind kind = kind(type);
            sources.add(new CrdWatch.Source() {
                @Override
                public Kind kind() {
                    return kind;
                }

                @Override
                public String list() {
                    return scope(kind).list().getMetadata().getResourceVersion();
                }

                @Override
                public Watch watch(ListOptionsBuilder options, Watcher<GenericKubernetesResource> watcher) {
                    return scope(kind).watch(options.build(), watcher);
                }

                @Override
                public ObjectNode json(GenericKubernetesResource resource) {
                    return KubernetesMeshRepository.this.json(resource);
                }
            });
        }
        String resources = types.stream()
                .map(t -> kind(t).plural() + "." + KumaCustomResources.GROUP)
                .sorted()
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        KubernetesFailures.Call call = new KubernetesFailures.Call("watch", resources, "", "");
        return new CrdWatch(mesh, onChange, onEnd, executor, failure -> translate(failure, call)).start(sources);
    }

    // ---- state for the engine

    /** The Mesh, its data planes and permission policies, fetched for the engine. */
    private CompletableFuture<MeshPermissionState> state(String mesh) {
        Kind meshKind = kind(MeshResourceType.MESH);
        return call(call("get", meshKind, new ObjectName(mesh, "")), () -> {
            ObjectNode meshResource = get(meshKind, new ObjectName(mesh, ""))
                    .map(r -> KumaCustomResources.toUniversal(meshKind, json(r)))
                    .orElseThrow(() -> new MeshException(404, "Mesh " + mesh + " was not found.", Map.of()));
            List<ObjectNode> dataplanes = listAll(kind(MeshResourceType.DATAPLANE), mesh);
            List<ObjectNode> tps = listOrNone(MeshResourceType.TRAFFIC_PERMISSION, mesh);
            List<ObjectNode> mtps = listOrNone(MeshResourceType.MESH_TRAFFIC_PERMISSION, mesh);
            return new MeshPermissionState(mesh, meshResource, dataplanes, tps, mtps);
        });
    }

    /** A permission type's policies; none when its CRD is not installed (Kuma 3.0 has no TrafficPermission). */
    private List<ObjectNode> listOrNone(MeshResourceType type, String mesh) {
        try {
            return listAll(kind(type), mesh);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    // ---- Fabric8 calls (run on the executor)

    private List<ObjectNode> listAll(Kind kind, String mesh) {
        GenericKubernetesResourceList list = scope(kind).list();
        List<ObjectNode> out = new ArrayList<>();
        for (GenericKubernetesResource r : list.getItems()) {
            ObjectNode universal = KumaCustomResources.toUniversal(kind, json(r));
            if (ALL_MESHES.equals(mesh) || inMesh(kind, universal, mesh)) {
                out.add(universal);
            }
        }
        out.sort(Comparator.comparing(r -> r.path("name").asText()));
        return out;
    }

    private Optional<GenericKubernetesResource> get(Kind kind, ObjectName object) {
        return Optional.ofNullable(resource(kind, object).get());
    }

    /**
     * Creates or replaces the custom resource of {@code universal}, as Kuma's store does (store.go Create, Update):
     * its labels become the object's, but for {@code kuma.io/display-name}, which is an annotation on Kubernetes
     * (written only when it differs from the object's name); the current object's other annotations are kept.
     */
    private void write(Kind kind, ObjectNode universal, ObjectName object, boolean dryRun) {
        Map<String, String> labels = new LinkedHashMap<>();
        universal
                .path("labels")
                .properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        String displayName = labels.remove(KumaCustomResources.DISPLAY_NAME);
        if (kind.mesh() == MeshPlacement.LABEL) {
            labels.remove(KumaCustomResources.MESH_LABEL);
        }
        ObjectNode manifest = KumaCustomResources.toKubernetes(kind, universal, object, labels);
        Optional<GenericKubernetesResource> current = get(kind, object);
        Map<String, String> annotations = new LinkedHashMap<>();
        current.map(c -> c.getMetadata().getAnnotations()).ifPresent(annotations::putAll);
        if (displayName != null && !displayName.equals(object.name())) {
            annotations.put(KumaCustomResources.DISPLAY_NAME, displayName);
        }
        GenericKubernetesResource desired =
                client.getKubernetesSerialization().unmarshal(manifest.toString(), GenericKubernetesResource.class);
        if (!annotations.isEmpty()) {
            desired.getMetadata().setAnnotations(annotations);
        }
        Resource<GenericKubernetesResource> target = resource(kind, object, desired);
        String verb = current.isPresent() ? "update" : "create";
        try {
            if (current.isPresent()) {
                desired.getMetadata()
                        .setResourceVersion(current.get().getMetadata().getResourceVersion());
                if (dryRun) {
                    target.dryRun().update();
                } else {
                    target.update();
                }
            } else if (dryRun) {
                target.dryRun().create();
            } else {
                target.create();
            }
        } catch (KubernetesClientException e) {
            // Named by what was really attempted, so a 403 names the verb RBAC refused.
            Throwable why = translate(e, call(verb, kind, object));
            throw why instanceof RuntimeException r ? r : e;
        }
    }

    private MixedOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            operation(Kind kind) {
        return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                .withGroup(KumaCustomResources.GROUP)
                .withVersion(KumaCustomResources.VERSION)
                .withKind(kind.type())
                .withPlural(kind.plural())
                .withNamespaced(kind.namespaced())
                .build());
    }

    /** Every object of the type: in all namespaces where it is namespaced. */
    private io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            scope(Kind kind) {
        return kind.namespaced() ? operation(kind).inAnyNamespace() : operation(kind);
    }

    private Resource<GenericKubernetesResource> resource(Kind kind, ObjectName object) {
        return kind.namespaced()
                ? operation(kind).inNamespace(object.namespace()).withName(object.name())
                : operation(kind).withName(object.name());
    }

    private Resource<GenericKubernetesResource> resource(
            Kind kind, ObjectName object, GenericKubernetesResource desired) {
        return kind.namespaced()
                ? operation(kind).inNamespace(object.namespace()).resource(desired)
                : operation(kind).resource(desired);
    }

    /** Through text: Fabric8 serialises with Jackson 3, the console's JSON is Jackson 2's. */
    private ObjectNode json(GenericKubernetesResource resource) {
        try {
            return (ObjectNode)
                    JSON.readTree(client.getKubernetesSerialization().asJson(resource));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Fabric8 wrote JSON that is not JSON", e);
        }
    }

    // ---- helpers

    /** Whether a Universal resource is of {@code mesh}; a Mesh is of itself. */
    private static boolean inMesh(Kind kind, ObjectNode universal, String mesh) {
        return kind.mesh() == MeshPlacement.NONE
                ? ALL_MESHES.equals(mesh) || universal.path("name").asText().equals(mesh)
                : universal.path("mesh").asText().equals(mesh);
    }

    /** {@code work} for the type's custom resource kind; a failed future for a type Kuma keeps none of. */
    private static <T> CompletableFuture<T> withKind(
            MeshResourceType type, java.util.function.Function<Kind, CompletableFuture<T>> work) {
        try {
            return work.apply(kind(type));
        } catch (MeshException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Kind kind(MeshResourceType type) {
        return Kind.of(type.name())
                .orElseThrow(() -> new MeshException(
                        400, type.name() + " is not stored as a custom resource by Kuma on Kubernetes.", Map.of()));
    }

    private static MeshException readOnlyDataplane(String name) {
        return new MeshException(
                405,
                "Data plane " + name + " is read-only on Kubernetes: Kuma generates it from its Pod, so change the"
                        + " Pod, its Deployment or its Service instead.",
                Map.of());
    }

    private KubernetesFailures.Call call(String verb, Kind kind, ObjectName object) {
        return new KubernetesFailures.Call(
                verb, kind.plural() + "." + KumaCustomResources.GROUP, object.namespace(), object.name());
    }

    private static KubernetesFailures.Call list(Kind kind) {
        return new KubernetesFailures.Call("list", kind.plural() + "." + KumaCustomResources.GROUP, "", "");
    }

    private Throwable translate(Throwable failure, KubernetesFailures.Call call) {
        return KubernetesFailures.translate(failure, call, address());
    }

    /** Runs a blocking Fabric8 call on the executor; its failure becomes the repository's. */
    private <T> CompletableFuture<T> call(KubernetesFailures.Call call, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(translate(failure, call)));
    }
}
