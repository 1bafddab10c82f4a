package dev.gatehouse.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small JSON-over-HTTP client for end-to-end tests (JDK HttpClient, real sockets). */
public final class Http {
    public static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    /** A response: status, raw body and headers. */
    public record Res(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public Http(URI base) {
        this.base = base;
    }

    public Res get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Res get(String path, String bearer) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + bearer)
                .GET());
    }

    public Res put(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Res putJson(String path, String json) {
        return put(path, json, "application/json");
    }

    public Res putYaml(String path, String yaml) {
        return put(path, yaml, "application/yaml");
    }

    public Res post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Res delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    public Res method(String method, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private Res send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r =
                    client.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public HttpClient client() {
        return client;
    }

    public URI base() {
        return base;
    }
}
