package dev.gatehouse.app.kuma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.http.ApiResponse;
import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.http.ServerSentEvents;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.hc.core5.http.ContentType;

/**
 * The console's only way to a Kuma control plane's REST API (Universal format, JSON): resources by path, lists
 * that follow {@code next} to the end, and streams of server-sent events; errors as {@link KumaApiException}.
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

    /** {@code PUT path} with a Universal resource; Kuma answers 201 on create and 200 on update. */
    public CompletableFuture<ObjectNode> put(String path, ObjectNode resource) {
        return send("PUT", path, resource);
    }

    /** {@code POST path} with a JSON body. */
    public CompletableFuture<ObjectNode> post(String path, ObjectNode body) {
        return send("POST", path, body);
    }

    private CompletableFuture<ObjectNode> send(String method, String path, ObjectNode resource) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(resource);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return transport
                .send(method, path, body, ContentType.APPLICATION_JSON)
                .thenApply(KumaClient::interpret)
                .thenApply(KumaClient::object);
    }

    public CompletableFuture<Void> delete(String path) {
        return transport
                .send("DELETE", path, null, null)
                .thenApply(KumaClient::interpret)
                .thenApply(json -> null);
    }

    public CompletableFuture<ObjectNode> get(String path) {
        return transport
                .send("GET", path, null, null)
                .thenApply(KumaClient::interpret)
                .thenApply(KumaClient::object);
    }

    /** Every item of a list, following {@code next} (an absolute URL) until it is null. */
    public CompletableFuture<List<ObjectNode>> list(String path) {
        List<ObjectNode> all = new ArrayList<>();
        return collect(transport.resolve(path + (path.contains("?") ? "&" : "?") + "size=" + PAGE_SIZE), all);
    }

    private CompletableFuture<List<ObjectNode>> collect(URI uri, List<ObjectNode> all) {
        return transport
                .send("GET", uri, null, null, Map.of())
                .thenApply(KumaClient::interpret)
                .thenCompose(json -> {
                    json.path("items").forEach(item -> {
                        if (item instanceof ObjectNode object) {
                            all.add(object);
                        }
                    });
                    JsonNode next = json.get("next");
                    if (next == null || next.isNull() || next.asText().isEmpty()) {
                        return CompletableFuture.completedFuture(all);
                    }
                    // Kuma builds `next` from the request's host; keep our base (and its TLS settings) and take its
                    // query.
                    URI nextUri = URI.create(next.asText());
                    return collect(
                            transport.resolve(uri.getRawPath()
                                            .substring(baseUri().getRawPath().length()) + "?" + nextUri.getRawQuery()),
                            all);
                });
    }

    private static JsonNode interpret(ApiResponse response) {
        JsonNode json;
        try {
            json = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            if (response.isSuccess()) {
                throw new KumaApiException(
                        response.status(), "Not a Kuma control plane", "the answer is not JSON", List.of());
            }
            json = JSON.createObjectNode().put("title", response.bodyText().strip());
        }
        if (response.isSuccess()) {
            return json;
        }
        List<KumaApiException.InvalidParameter> invalid = new ArrayList<>();
        json.path("invalid_parameters")
                .forEach(p -> invalid.add(new KumaApiException.InvalidParameter(
                        p.path("field").asText(), p.path("reason").asText())));
        throw new KumaApiException(
                response.status(),
                json.path("title").asText("HTTP " + response.status()),
                json.path("detail").asText(""),
                invalid);
    }

    private static ObjectNode object(JsonNode json) {
        if (json instanceof ObjectNode node) {
            return node;
        }
        throw new KumaApiException(200, "Unexpected answer", "expected a JSON object", List.of());
    }

    /**
     * {@code GET path} as a stream of server-sent events; {@code ended} completes when the stream ends, or fails
     * with the control plane's refusal ({@link KumaApiException}) or a connection problem.
     */
    public ApiTransport.TextStream events(String path, Consumer<ServerSentEvents.Event> onEvent) {
        ServerSentEvents parser = new ServerSentEvents(onEvent);
        ApiTransport.TextStream stream = transport.stream(path, parser::feed);
        return new ApiTransport.TextStream() {
            @Override
            public CompletableFuture<ApiResponse> ended() {
                return stream.ended().thenApply(response -> {
                    interpret(response);
                    return response;
                });
            }

            @Override
            public void cancel() {
                stream.cancel();
            }
        };
    }

    /** One path segment, percent-encoded (spaces as %20, not '+'). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        transport.close();
    }
}
