package dev.gatehouse.mesh.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.resource.ResourceCodec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The data plane's side of the control-plane API: register (PUT), token, identity, mesh snapshot, watch stream and
 * deregistration. Every call blocks; callers run it off the event loops.
 */
final class ControlPlaneClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final URI base;
    private final HttpClient http;
    /** The dataplane's token once known; sent with every call, so a control plane requiring credentials admits it. */
    private volatile String token;

    ControlPlaneClient(URI base) {
        this.base = base;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Sends {@code token} (the dataplane's own) with every later call. */
    void useToken(String dataplaneToken) {
        this.token = dataplaneToken;
    }

    /** {@code PUT /meshes/{mesh}/dataplanes/{name}}: 201 created or 200 updated, as kuma-dp's registration. */
    void register(String mesh, String name, ObjectNode resource) {
        HttpResponse<String> r = send(
                request(dataplanePath(mesh, name))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(resource.toString())),
                null);
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new DataplaneException(
                    "the control plane refused dataplane " + name + " (" + r.statusCode() + "): " + describe(r.body()));
        }
    }

    /** Removes the dataplane, as Kuma's DataplaneLifecycle does when a proxy that registered itself disconnects. */
    void deregister(String mesh, String name) {
        send(request(dataplanePath(mesh, name)).DELETE(), null);
    }

    /** {@code POST /tokens/dataplane}; the control plane answers admins only (a direct caller on localhost). */
    String issueToken(String mesh, String name) {
        ObjectNode body =
                ResourceCodec.JSON.createObjectNode().put("name", name).put("mesh", mesh);
        HttpResponse<String> r = send(
                request("/tokens/dataplane")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
                null);
        if (r.statusCode() != 200) {
            throw new DataplaneException("could not get a dataplane token (" + r.statusCode() + "): "
                    + describe(r.body()) + "; pass --dataplane-token-file");
        }
        return r.body().strip();
    }

    /** {@code GET /meshes/{mesh}/dataplanes/{name}/_identity} with the dataplane's token. */
    JsonNode identity(String mesh, String name, String token) {
        return json(send(request(dataplanePath(mesh, name) + "/_identity").GET(), token), "identity");
    }

    /** {@code GET /meshes/{mesh}/_snapshot}. */
    JsonNode snapshot(String mesh) {
        return json(send(request("/meshes/" + enc(mesh) + "/_snapshot").GET(), null), "mesh snapshot");
    }

    /** Opens {@code /watch} as this dataplane; the caller reads the lines until the stream ends. */
    HttpResponse<Stream<String>> watch(String mesh, String name, String token)
            throws IOException, InterruptedException {
        URI uri = base.resolve("/watch?types=Dataplane,TrafficPermission,MeshTrafficPermission,MeshAccessLog&mesh="
                + enc(mesh) + "&dataplane=" + enc(name));
        HttpRequest req = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofLines());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String explicitToken) {
        String bearer = explicitToken != null ? explicitToken : token;
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DataplaneException("control plane " + base + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataplaneException("interrupted while calling the control plane", e);
        }
    }

    private static JsonNode json(HttpResponse<String> r, String what) {
        if (r.statusCode() != 200) {
            throw new DataplaneException(
                    "could not get the " + what + " (" + r.statusCode() + "): " + describe(r.body()));
        }
        try {
            return ResourceCodec.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new DataplaneException("the control plane sent an unreadable " + what, e);
        }
    }

    /** Kuma error bodies carry {@code detail} and {@code invalid_parameters}; show those, never a token. */
    private static String describe(String body) {
        try {
            JsonNode n = ResourceCodec.JSON.readTree(body);
            if (n != null && n.has("detail")) {
                return n.path("detail").asText()
                        + (n.has("invalid_parameters") ? " " + n.get("invalid_parameters") : "");
            }
        } catch (IOException notJson) {
            // plain-text error
        }
        return body.length() > 300 ? body.substring(0, 300) : body;
    }

    /** Stops the client's selector thread and any open watch stream. */
    @Override
    public void close() {
        http.shutdownNow();
    }

    private static String dataplanePath(String mesh, String name) {
        return "/meshes/" + enc(mesh) + "/dataplanes/" + enc(name);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
