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

    // The five methods below are the foundation for the topology issue; a helper implements them next.
    @Override
    public CompletableFuture<Optional<ObjectNode>> find(MeshResourceType type, String mesh, String name) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("find"));
    }

    @Override
    public CompletableFuture<Void> apply(MeshEdit edit) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("apply"));
    }

    @Override
    public CompletableFuture<MeshCapabilities> capabilities() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("capabilities"));
    }

    @Override
    public CompletableFuture<PermissionMatrix> permissionMatrix(String mesh) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("permissionMatrix"));
    }

    @Override
    public CompletableFuture<PermissionMatrix> previewMatrix(String mesh, List<MeshEdit> edits) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("previewMatrix"));
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
                List.copyOf(inbounds));
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
