package dev.gatehouse.app.testing;

import dev.gatehouse.app.http.ApiEndpoint;
import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.gateway.GatewayConfig;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.ControlPlaneConfig;
import dev.gatehouse.mesh.RunningControlPlane;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Real runtimes for the console's tests: the embedded gateway and control plane on free loopback ports. */
public final class TestRuntimes {

    private TestRuntimes() {}

    public static RunningGateway gateway(Path dir) {
        return Gateway.start(GatewayConfig.ephemeral(dir));
    }

    public static RunningGateway gateway(Path dir, String adminToken) {
        return Gateway.start(GatewayConfig.ephemeral(dir).withAdminToken(adminToken));
    }

    public static RunningControlPlane controlPlane(Path dir) {
        return ControlPlane.start(
                ControlPlaneConfig.defaults(dir).withApiListen(new InetSocketAddress("127.0.0.1", 0)));
    }

    public static KongAdminClient kong(RunningGateway gateway) {
        return kong(URI.create(gateway.adminUrl()));
    }

    public static KongAdminClient kong(URI admin) {
        return new KongAdminClient(
                new ApiTransport(ApiEndpoint.of(admin), Duration.ofSeconds(3), Duration.ofSeconds(30)));
    }

    public static KumaClient kuma(RunningControlPlane cp) {
        return new KumaClient(
                new ApiTransport(ApiEndpoint.of(cp.apiUri()), Duration.ofSeconds(3), Duration.ofSeconds(30)));
    }

    /** Loads a declarative configuration (Kong's POST /config) straight through the Admin API. */
    public static void loadConfig(RunningGateway gateway, String yaml) throws Exception {
        loadConfig(URI.create(gateway.adminUrl()), yaml);
    }

    /** The same, to any Admin API address. */
    public static void loadConfig(URI admin, String yaml) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder()
                                .uri(URI.create(admin + "/config"))
                                .header("Content-Type", "application/yaml")
                                .POST(HttpRequest.BodyPublishers.ofString(yaml))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /config: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * A write to a Kuma REST API as curl would send it ({@code yaml} as the body, none when null); anything but 200
     * or 201 fails with the answer.
     */
    public static void kumaWrite(URI api, String method, String path, String yaml) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api + path))
                                .method(
                                        method,
                                        yaml == null
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofString(yaml))
                                .header("Content-Type", "application/yaml")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
    }
}
