package dev.gatehouse.app.kubernetes.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;

/**
 * The API server's version ({@code GET /version}, {@code gitVersion} such as {@code v1.31.2}), read raw:
 * Fabric8's getKubernetesVersion() answers null on any failure, which would hide the reason. Failures are
 * {@link KubernetesClientException}s with the server's status.
 */
public final class ApiServerVersion {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiServerVersion() {}

    public static String of(KubernetesClient client) {
        String body = client.raw(client.getMasterUrl().toString().replaceAll("/$", "") + "/version", "GET", null);
        if (body == null) {
            throw new KubernetesClientException("the server has no /version", 404, null);
        }
        try {
            JsonNode version = JSON.readTree(body);
            String git = version.path("gitVersion").asText("");
            return git.isEmpty()
                    ? "v" + version.path("major").asText() + "."
                            + version.path("minor").asText()
                    : git;
        } catch (IOException e) {
            throw new KubernetesClientException("its /version is not JSON", e);
        }
    }
}
