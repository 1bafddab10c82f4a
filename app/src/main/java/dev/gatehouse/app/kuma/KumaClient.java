package dev.gatehouse.app.kuma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.http.ApiResponse;
import dev.gatehouse.app.http.ApiTransport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.core5.http.ContentType;

/**
 * The console's only way to a Kuma control plane's REST API (Universal format, JSON): meshes, dataplanes with
 * insights, TrafficPermission and MeshTrafficPermission; lists follow {@code next} to the end.
 */
public final class KumaClient implements AutoCloseable {

    /** Kuma's largest page size (pkg/api-server pagination). */
    static final int PAGE_SIZE = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiTransport transport;

    public KumaClient(ApiTransport transport) {
        this.transport = transport;
    }

    public URI baseUri() {
        return transport.endpoint().baseUri();
    }

    /** {@code GET /}: product, version, hostname, instance and cluster ids. */
    public CompletableFuture<ObjectNode> index() {
        return get("/");
    }

    public CompletableFuture<List<ObjectNode>> meshes() {
        return list("/meshes");
    }

    public CompletableFuture<ObjectNode> mesh(String name) {
        return get("/meshes/" + segment(name));
    }

    public CompletableFuture<List<ObjectNode>> dataplanes(String mesh) {
        return list("/meshes/" + segment(mesh) + "/dataplanes");
    }

    /** Dataplanes with their insights (online state, certificate), Kuma's {@code dataplanes+insights}. */
    public CompletableFuture<List<ObjectNode>> dataplaneOverviews(String mesh) {
        return list("/meshes/" + segment(mesh) + "/dataplanes+insights");
    }

    public CompletableFuture<List<ObjectNode>> trafficPermissions(String mesh) {
        return list("/meshes/" + segment(mesh) + "/traffic-permissions");
    }

    public CompletableFuture<List<ObjectNode>> meshTrafficPermissions(String mesh) {
        return list("/meshes/" + segment(mesh) + "/meshtrafficpermissions");
    }

    /** {@code PUT path} with a Universal resource; Kuma answers 201 on create and 200 on update. */
    public CompletableFuture<ObjectNode> put(String path, ObjectNode resource) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(resource);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return transport.send("PUT", path, body, ContentType.APPLICATION_JSON).thenApply(KumaClient::interpret)
                .thenApply(KumaClient::object);
    }

    public CompletableFuture<Void> delete(String path) {
        return transport.send("DELETE", path, null, null).thenApply(KumaClient::interpret).thenApply(json -> null);
    }

    public CompletableFuture<ObjectNode> get(String path) {
        return transport.send("GET", path, null, null).thenApply(KumaClient::interpret).thenApply(KumaClient::object);
    }

    /** Every item of a list, following {@code next} (an absolute URL) until it is null. */
    public CompletableFuture<List<ObjectNode>> list(String path) {
        List<ObjectNode> all = new ArrayList<>();
        return collect(transport.resolve(path + (path.contains("?") ? "&" : "?") + "size=" + PAGE_SIZE), all);
    }

    private CompletableFuture<List<ObjectNode>> collect(URI uri, List<ObjectNode> all) {
        return transport.send("GET", uri, null, null, Map.of()).thenApply(KumaClient::interpret).thenCompose(json -> {
            json.path("items").forEach(item -> {
                if (item instanceof ObjectNode object) {
                    all.add(object);
                }
            });
            JsonNode next = json.get("next");
            if (next == null || next.isNull() || next.asText().isEmpty()) {
                return CompletableFuture.completedFuture(all);
            }
            // Kuma builds `next` from the request's host; keep our base (and its TLS settings) and take its query.
            URI nextUri = URI.create(next.asText());
            return collect(transport.resolve(uri.getRawPath().substring(baseUri().getRawPath().length())
                    + "?" + nextUri.getRawQuery()), all);
        });
    }

    private static JsonNode interpret(ApiResponse response) {
        JsonNode json;
        try {
            json = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            if (response.isSuccess()) {
                throw new KumaApiException(response.status(), "Not a Kuma control plane",
                        "the answer is not JSON", List.of());
            }
            json = JSON.createObjectNode().put("title", response.bodyText().strip());
        }
        if (response.isSuccess()) {
            return json;
        }
        List<KumaApiException.InvalidParameter> invalid = new ArrayList<>();
        json.path("invalid_parameters").forEach(p ->
                invalid.add(new KumaApiException.InvalidParameter(p.path("field").asText(), p.path("reason").asText())));
        throw new KumaApiException(response.status(), json.path("title").asText("HTTP " + response.status()),
                json.path("detail").asText(""), invalid);
    }

    private static ObjectNode object(JsonNode json) {
        if (json instanceof ObjectNode node) {
            return node;
        }
        throw new KumaApiException(200, "Unexpected answer", "expected a JSON object", List.of());
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        transport.close();
    }
}
