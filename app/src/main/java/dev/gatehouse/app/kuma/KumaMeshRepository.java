package dev.gatehouse.app.kuma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.http.ServerSentEvents;
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
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.mesh.policy.ServicePermissions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The mesh repository over a Kuma control plane's REST API (Universal format). Inspection uses the control plane's
 * {@code _permissions} paths and change notifications its {@code /watch} stream of server-sent events
 * (mesh-runtime's InspectionEndpoints and WatchStreams).
 */
public final class KumaMeshRepository implements MeshRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The types whose writability decides whether the console can edit permissions. */
    private static final Set<String> PERMISSION_TYPES =
            Set.of(MeshResourceType.TRAFFIC_PERMISSION.name(), MeshResourceType.MESH_TRAFFIC_PERMISSION.name());

    private final KumaClient kuma;

    public KumaMeshRepository(KumaClient kuma) {
        this.kuma = kuma;
    }

    @Override
    public URI address() {
        return kuma.baseUri();
    }

    @Override
    public CompletableFuture<MeshNode> node() {
        return translated(kuma.index()
                .thenApply(index -> new MeshNode(
                        index.path("product").asText(""), index.path("version").asText(""))));
    }

    @Override
    public CompletableFuture<List<ObjectNode>> meshes() {
        return translated(kuma.list("/meshes"));
    }

    @Override
    public CompletableFuture<List<ObjectNode>> dataplanes(String mesh) {
        return translated(kuma.list(meshPath(mesh) + "/dataplanes+insights"));
    }

    @Override
    public CompletableFuture<List<ObjectNode>> policies(String mesh, MeshResourceType type) {
        return translated(kuma.list(meshPath(mesh) + "/" + type.plural()));
    }

    @Override
    public CompletableFuture<Optional<ObjectNode>> find(MeshResourceType type, String mesh, String name) {
        return translated(kuma.get(itemPath(type, mesh, name))
                .thenApply(Optional::of)
                .exceptionallyCompose(failure -> notFound(failure)
                        ? CompletableFuture.completedFuture(Optional.<ObjectNode>empty())
                        : CompletableFuture.failedFuture(failure)));
    }

    @Override
    public CompletableFuture<Void> apply(MeshEdit edit) {
        String path = itemPath(edit.type(), edit.mesh(), edit.name());
        CompletableFuture<?> call = switch (edit.kind()) {
            case PUT -> kuma.put(path, edit.resource().orElseThrow());
            case DELETE -> kuma.delete(path);
        };
        return translated(call.thenApply(answer -> null));
    }

    /**
     * Our control plane's {@code POST /_validate} (a Gatehouse extension: the PUT's checks, nothing stored). Kuma
     * has no dry run (kumactl apply checks only a resource's meta before writing it: app/kumactl/cmd/apply/apply.go),
     * and answers 404 or 405 there: then false, unchecked.
     */
    @Override
    public CompletableFuture<Boolean> validate(ObjectNode resource) {
        return translated(kuma.post("/_validate", resource)
                .thenApply(answer -> true)
                .exceptionallyCompose(failure -> {
                    Throwable e = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    return e instanceof KumaApiException k && (k.status() == 404 || k.status() == 405)
                            ? CompletableFuture.completedFuture(false)
                            : CompletableFuture.failedFuture(failure);
                }));
    }

    /**
     * From Kuma's {@code GET /_resources} (Kuma 2.6+; each type with {@code readOnly}, true for every type when the
     * API server runs with {@code KUMA_API_SERVER_READ_ONLY}, as Kuma's Helm chart sets it on Kubernetes:
     * pkg/api-server/mappers/resource_type_description.go, deployments/charts/kuma/templates/_helpers.tpl), else from
     * its older {@code GET /policies} (pkg/api-server/policies_endpoints.go), else the legacy types. Read-only is so
     * known before any write; a write's 405 still reaches the caller as a {@link MeshException}.
     */
    @Override
    public CompletableFuture<MeshCapabilities> capabilities() {
        return translated(kuma.get("/_resources")
                .thenApply(json -> capabilities(json.path("resources")))
                .exceptionallyCompose(failure -> notFound(failure)
                        ? kuma.get("/policies").thenApply(json -> fromPolicies(json.path("policies")))
                        : CompletableFuture.failedFuture(failure))
                .exceptionallyCompose(failure -> notFound(failure)
                        ? CompletableFuture.completedFuture(capabilities(
                                List.of(
                                        MeshResourceType.MESH,
                                        MeshResourceType.DATAPLANE,
                                        MeshResourceType.TRAFFIC_PERMISSION),
                                false))
                        : CompletableFuture.failedFuture(failure)));
    }

    private MeshCapabilities capabilities(JsonNode resources) {
        List<MeshResourceType> types = new ArrayList<>();
        resources.forEach(r -> types.add(
                new MeshResourceType(r.path("name").asText(), r.path("path").asText(), r.has("policy"))));
        return capabilities(types, permissionsReadOnly(resources));
    }

    /** Kuma's {@code /policies} lists only policies, with the same readOnly flag; Mesh and Dataplane are implied. */
    private MeshCapabilities fromPolicies(JsonNode policies) {
        List<MeshResourceType> types = new ArrayList<>(List.of(MeshResourceType.MESH, MeshResourceType.DATAPLANE));
        policies.forEach(p -> types.add(
                new MeshResourceType(p.path("name").asText(), p.path("path").asText(), true)));
        return capabilities(types, permissionsReadOnly(policies));
    }

    /** Read-only when the permission types are served and none of them takes writes. */
    private static boolean permissionsReadOnly(JsonNode descriptions) {
        boolean served = false;
        boolean writable = false;
        for (JsonNode d : descriptions) {
            if (PERMISSION_TYPES.contains(d.path("name").asText())) {
                served = true;
                writable |= !d.path("readOnly").asBoolean();
            }
        }
        return served && !writable;
    }

    private MeshCapabilities capabilities(List<MeshResourceType> types, boolean readOnly) {
        boolean mtp = types.stream().anyMatch(t -> t.name().equals(MeshResourceType.MESH_TRAFFIC_PERMISSION.name()));
        Optional<String> reason = readOnly
                ? Optional.of("The control plane at " + address()
                        + " answers read-only, as Kuma does on Kubernetes: change it with kubectl or a Kubernetes"
                        + " connection.")
                : Optional.empty();
        return new MeshCapabilities(readOnly, reason, mtp, types);
    }

    /**
     * Our control plane's {@code GET /meshes/{mesh}/_permission-matrix}; a Kuma has no such path (404), so then the
     * console computes the same matrix from the fetched Mesh, data planes and permission policies with mesh-runtime's
     * {@link ServicePermissions}, which is also what the endpoint runs.
     */
    @Override
    public CompletableFuture<PermissionMatrix> permissionMatrix(String mesh) {
        return translated(kuma.get(meshPath(mesh) + "/_permission-matrix")
                .thenApply(json -> MeshPermissionState.matrix(
                        ServicePermissions.Matrix.fromJson(json), PermissionMatrix.Source.CONTROL_PLANE))
                .exceptionallyCompose(failure ->
                        notFound(failure) ? computedMatrix(mesh, List.of()) : CompletableFuture.failedFuture(failure)));
    }

    @Override
    public CompletableFuture<PermissionMatrix> previewMatrix(String mesh, List<MeshEdit> edits) {
        return translated(computedMatrix(mesh, List.copyOf(edits)));
    }

    /**
     * The matrix the console's engine computes from the control plane's current Mesh, data planes and permission
     * policies of {@code mesh}, with {@code edits} applied to them first (nothing is written).
     */
    CompletableFuture<PermissionMatrix> computedMatrix(String mesh, List<MeshEdit> edits) {
        CompletableFuture<ObjectNode> meshResource = kuma.get(meshPath(mesh));
        CompletableFuture<List<ObjectNode>> dataplanes = kuma.list(meshPath(mesh) + "/dataplanes");
        CompletableFuture<List<ObjectNode>> tps =
                kuma.list(meshPath(mesh) + "/" + MeshResourceType.TRAFFIC_PERMISSION.plural());
        // Kuma before 2.0 has no MeshTrafficPermission: none of them then.
        CompletableFuture<List<ObjectNode>> mtps = kuma.list(
                        meshPath(mesh) + "/" + MeshResourceType.MESH_TRAFFIC_PERMISSION.plural())
                .exceptionallyCompose(failure -> notFound(failure)
                        ? CompletableFuture.completedFuture(List.of())
                        : CompletableFuture.failedFuture(failure));
        // Off the HTTP client's threads: 500 services are 250,000 pairs.
        return CompletableFuture.allOf(meshResource, dataplanes, tps, mtps).thenApplyAsync(done -> {
            MeshPermissionState state =
                    new MeshPermissionState(mesh, meshResource.join(), dataplanes.join(), tps.join(), mtps.join());
            edits.forEach(state::apply);
            return state.matrix();
        });
    }

    @Override
    public CompletableFuture<DataplanePermissions> permissions(String mesh, String dataplane) {
        return translated(kuma.get(meshPath(mesh) + "/dataplanes/" + KumaClient.segment(dataplane) + "/_permissions")
                .thenApply(KumaMeshRepository::dataplanePermissions));
    }

    @Override
    public CompletableFuture<PermissionDecision> decide(String mesh, String source, String destination) {
        return translated(kuma.get(
                        meshPath(mesh) + "/_permissions?source=" + query(source) + "&destination=" + query(destination))
                .thenApply(json -> new PermissionDecision(
                        json.path("source").asText(),
                        json.path("destination").asText(),
                        json.path("allowed").asBoolean(),
                        json.path("decision").asText(),
                        policy(json.path("policy")),
                        json.path("reason").asText(""))));
    }

    @Override
    public MeshWatch watch(
            Set<MeshResourceType> types, String mesh, Consumer<MeshChange> onChange, Consumer<Throwable> onEnd) {
        CompletableFuture<Long> opened = new CompletableFuture<>();
        String names = types.stream().map(MeshResourceType::name).sorted().collect(Collectors.joining(","));
        ApiTransport.TextStream stream = kuma.events("/watch?types=" + query(names) + "&mesh=" + query(mesh), event -> {
            switch (event.name()) {
                case "hello" -> opened.complete(read(event).path("revision").asLong());
                case "change" -> onChange.accept(change(read(event)));
                default -> {
                    // identity events concern data planes, not the console
                }
            }
        });
        stream.ended().whenComplete((response, failure) -> {
            Throwable why;
            if (failure != null) {
                why = translate(failure);
            } else if (!response.isSuccess()) {
                // Kuma itself has no /watch: 404. Say so in the repository's terms, so callers poll instead.
                why = new MeshException(
                        response.status(),
                        "the control plane offers no change stream (HTTP " + response.status() + ")",
                        Map.of());
            } else {
                why = new IllegalStateException("the control plane ended the watch");
            }
            opened.completeExceptionally(why);
            if (!(why instanceof CancellationException)) {
                onEnd.accept(why);
            }
        });
        return new MeshWatch() {
            @Override
            public CompletableFuture<Long> opened() {
                return opened;
            }

            @Override
            public void close() {
                stream.cancel();
            }
        };
    }

    /** Kuma's item path: {@code /meshes/{mesh}/{plural}/{name}}, or {@code /{plural}/{name}} for a global type. */
    private static String itemPath(MeshResourceType type, String mesh, String name) {
        String item = "/" + type.plural() + "/" + KumaClient.segment(name);
        return type.equals(MeshResourceType.MESH) || mesh == null || mesh.isEmpty() ? item : meshPath(mesh) + item;
    }

    private static boolean notFound(Throwable failure) {
        Throwable e =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return e instanceof KumaApiException kuma && kuma.isNotFound();
    }

    private static String meshPath(String mesh) {
        return "/meshes/" + KumaClient.segment(mesh);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode read(ServerSentEvents.Event event) {
        try {
            return JSON.readTree(event.data());
        } catch (IOException e) {
            throw new MeshException(200, "a watch event is not JSON: " + e.getMessage(), Map.of());
        }
    }

    private static MeshChange change(JsonNode data) {
        return new MeshChange(
                MeshChange.Operation.valueOf(data.path("operation").asText().toUpperCase(Locale.ROOT)),
                data.path("type").asText(),
                data.path("mesh").asText(),
                data.path("name").asText(),
                data.path("revision").asLong(),
                data.get("resource") instanceof ObjectNode resource ? Optional.of(resource) : Optional.empty());
    }

    private static DataplanePermissions dataplanePermissions(JsonNode json) {
        List<DataplanePermissions.Inbound> inbounds = new ArrayList<>();
        for (JsonNode in : json.path("inbounds")) {
            List<PolicyRef> policies = new ArrayList<>();
            in.path("policies").forEach(p -> policy(p).ifPresent(policies::add));
            List<DataplanePermissions.Rule> rules = new ArrayList<>();
            for (JsonNode rule : in.path("rules")) {
                rules.add(new DataplanePermissions.Rule(
                        tags(rule.path("from")),
                        rule.path("action").asText(),
                        policy(rule.path("policy")).orElse(null)));
            }
            List<DataplanePermissions.ClientVerdict> clients = new ArrayList<>();
            for (JsonNode client : in.path("clients")) {
                clients.add(new DataplanePermissions.ClientVerdict(
                        tags(client.path("tags")),
                        client.path("verdict").asText(),
                        client.path("allowed").asBoolean(),
                        policy(client.path("policy"))));
            }
            inbounds.add(new DataplanePermissions.Inbound(
                    in.path("port").asInt(),
                    tags(in.path("tags")),
                    in.path("mode").asText(),
                    List.copyOf(policies),
                    List.copyOf(rules),
                    List.copyOf(clients)));
        }
        return new DataplanePermissions(
                json.path("mesh").asText(),
                json.path("dataplane").asText(),
                json.path("mtlsEnabled").asBoolean(),
                List.copyOf(inbounds),
                true);
    }

    private static Optional<PolicyRef> policy(JsonNode json) {
        return json.isObject()
                ? Optional.of(new PolicyRef(
                        json.path("type").asText(), json.path("name").asText()))
                : Optional.empty();
    }

    private static Map<String, String> tags(JsonNode json) {
        Map<String, String> tags = new TreeMap<>();
        json.properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        return tags;
    }

    /** Kuma's error answers become the repository's; a call that got no answer stays a connection problem. */
    private static <T> CompletableFuture<T> translated(CompletableFuture<T> call) {
        return call.exceptionallyCompose(failure -> CompletableFuture.failedFuture(translate(failure)));
    }

    private static Throwable translate(Throwable failure) {
        Throwable e =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof KumaApiException kuma) {
            Map<String, String> fields = new LinkedHashMap<>();
            kuma.invalidParameters().forEach(p -> fields.merge(p.field(), p.reason(), (a, b) -> a + "; " + b));
            return new MeshException(kuma.status(), kuma.getMessage(), fields);
        }
        return e;
    }
}
