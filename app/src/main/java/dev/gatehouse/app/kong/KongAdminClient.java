package dev.gatehouse.app.kong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.http.ApiResponse;
import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.repository.gateway.EntityPage;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The console's only way to a Kong Admin API (a real Kong or the embedded gateway): every entity and endpoint the
 * gateway exposes, JSON in and out, pagination followed transparently, errors as {@link KongApiException}.
 */
public final class KongAdminClient implements AutoCloseable {

    /** Kong's largest page size (kong/api/endpoints.lua); fewer round trips when loading everything. */
    public static final int MAX_PAGE_SIZE = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.apache.hc.core5.http.ContentType JSON_TYPE =
            org.apache.hc.core5.http.ContentType.APPLICATION_JSON;

    private final ApiTransport transport;

    public KongAdminClient(ApiTransport transport) {
        this.transport = transport;
    }

    public URI baseUri() {
        return transport.endpoint().baseUri();
    }

    /** The node answering: Kong's root document plus its {@code Server} header ({@code kong/3.9.1}, {@code gatehouse/0.1.0}). */
    public record NodeInfo(ObjectNode root, String server) {

        /** "Kong", "Kong Enterprise", or "Gatehouse gateway" for the embedded one (which speaks Kong's API). */
        public String product() {
            if (server.toLowerCase(java.util.Locale.ROOT).startsWith("gatehouse/")) {
                return "Gatehouse gateway";
            }
            return "enterprise".equals(root.path("edition").asText("")) ? "Kong Enterprise" : "Kong";
        }
    }

    /** {@code GET /} with the headers kept, to tell Kong from a Kong-compatible gateway. */
    public CompletableFuture<NodeInfo> node() {
        return transport.send("GET", "/", null, JSON_TYPE).thenApply(response -> {
            JsonNode json = interpret(response);
            return new NodeInfo(object(json), response.header("server").orElse(""));
        });
    }

    /** {@code GET path}: one entity, or any JSON document. */
    public CompletableFuture<ObjectNode> get(String path) {
        return call("GET", path, null).thenApply(KongAdminClient::object);
    }

    /** {@code POST collectionPath}: creates an entity (201). */
    public CompletableFuture<ObjectNode> create(String collectionPath, ObjectNode entity) {
        return call("POST", collectionPath, entity).thenApply(KongAdminClient::object);
    }

    /** {@code PATCH entityPath}: changes the given fields only. */
    public CompletableFuture<ObjectNode> update(String entityPath, ObjectNode changes) {
        return call("PATCH", entityPath, changes).thenApply(KongAdminClient::object);
    }

    /** {@code PUT entityPath}: creates or wholly replaces (Kong answers 200 either way). */
    public CompletableFuture<ObjectNode> upsert(String entityPath, ObjectNode entity) {
        return call("PUT", entityPath, entity).thenApply(KongAdminClient::object);
    }

    /** {@code DELETE entityPath}. */
    public CompletableFuture<Void> delete(String entityPath) {
        return call("DELETE", entityPath, null).thenApply(body -> null);
    }

    /** One page of a list. */
    public CompletableFuture<EntityPage> page(String collectionPath, int size, Optional<String> offset) {
        StringBuilder path = new StringBuilder(collectionPath)
                .append(collectionPath.contains("?") ? '&' : '?')
                .append("size=")
                .append(size);
        offset.ifPresent(o -> path.append("&offset=").append(URLEncoder.encode(o, StandardCharsets.UTF_8)));
        return call("GET", path.toString(), null).thenApply(KongAdminClient::toPage);
    }

    /** Every element of a list, page after page; {@code onPage} sees each page as it arrives (for progress). */
    public CompletableFuture<List<ObjectNode>> listAll(String collectionPath, Consumer<List<ObjectNode>> onPage) {
        List<ObjectNode> all = new ArrayList<>();
        return collect(collectionPath, Optional.empty(), all, onPage);
    }

    /** Every element of a list. */
    public CompletableFuture<List<ObjectNode>> listAll(String collectionPath) {
        return listAll(collectionPath, page -> {});
    }

    private CompletableFuture<List<ObjectNode>> collect(
            String path, Optional<String> offset, List<ObjectNode> all, Consumer<List<ObjectNode>> onPage) {
        return page(path, MAX_PAGE_SIZE, offset).thenCompose(page -> {
            all.addAll(page.data());
            onPage.accept(page.data());
            return page.nextOffset().isPresent()
                    ? collect(path, page.nextOffset(), all, onPage)
                    : CompletableFuture.completedFuture(all);
        });
    }

    /** {@code GET /plugins/enabled}: the plugins this gateway can run. */
    public CompletableFuture<List<String>> enabledPlugins() {
        return get("/plugins/enabled").thenApply(json -> {
            List<String> names = new ArrayList<>();
            json.path("enabled_plugins").forEach(n -> names.add(n.asText()));
            names.sort(String::compareTo);
            return names;
        });
    }

    private CompletableFuture<JsonNode> call(String method, String path, ObjectNode body) {
        byte[] bytes = null;
        if (body != null) {
            try {
                bytes = JSON.writeValueAsBytes(body);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return transport.send(method, path, bytes, JSON_TYPE).thenApply(KongAdminClient::interpret);
    }

    private static JsonNode interpret(ApiResponse response) {
        JsonNode json = parse(response);
        if (response.isSuccess()) {
            return json;
        }
        throw new KongApiException(
                response.status(),
                json.hasNonNull("code") && json.get("code").canConvertToInt()
                        ? json.get("code").asInt()
                        : null,
                json.hasNonNull("message") ? json.get("message").asText() : "HTTP " + response.status(),
                json.get("fields"));
    }

    private static JsonNode parse(ApiResponse response) {
        if (response.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            if (response.isSuccess()) {
                throw new KongApiException(
                        response.status(),
                        null,
                        "the answer is not JSON, so this is probably not a Kong Admin API",
                        null);
            }
            return JSON.createObjectNode().put("message", response.bodyText().strip());
        }
    }

    private static ObjectNode object(JsonNode json) {
        if (json instanceof ObjectNode node) {
            return node;
        }
        throw new KongApiException(200, null, "expected a JSON object, got " + json.getNodeType(), null);
    }

    private static EntityPage toPage(JsonNode json) {
        List<ObjectNode> data = new ArrayList<>();
        json.path("data").forEach(node -> {
            if (node instanceof ObjectNode object) {
                data.add(object);
            }
        });
        Optional<String> offset = json.hasNonNull("offset")
                ? Optional.of(json.get("offset").asText())
                : json.hasNonNull("next") ? offsetOf(json.get("next").asText()) : Optional.empty();
        return new EntityPage(List.copyOf(data), offset);
    }

    /** The offset parameter of a {@code next} link; the link's own path is not used so prefixes survive. */
    static Optional<String> offsetOf(String next) {
        int query = next.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String pair : next.substring(query + 1).split("&")) {
            if (pair.startsWith("offset=")) {
                return Optional.of(URLDecoder.decode(pair.substring("offset=".length()), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        transport.close();
    }
}
