package dev.gatehouse.app.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Asks a runtime's API root who it is: Kong's Admin API and Kuma's control plane both answer {@code GET /} with
 * a JSON document naming the product and version (Kong: {@code tagline}/{@code version}; Kuma: {@code product}).
 */
public final class EndpointProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloseableHttpClient client;

    public EndpointProbe(long timeoutMillis) {
        Timeout timeout = Timeout.ofMilliseconds(timeoutMillis);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableAutomaticRetries()
                .evictIdleConnections(Timeout.of(30, TimeUnit.SECONDS))
                .build();
    }

    /** Probes {@code root}; never throws, every failure becomes a {@link EndpointHealth.Problem}. */
    public EndpointHealth probe(URI root) {
        long start = System.nanoTime();
        try {
            return client.execute(new HttpGet(root.resolve("/")), response -> {
                long millis = elapsedMillis(start);
                int code = response.getCode();
                String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
                if (code == 401 || code == 403) {
                    return EndpointHealth.down(EndpointHealth.Problem.UNAUTHORIZED, "HTTP " + code, millis);
                }
                if (code >= 400) {
                    return EndpointHealth.down(EndpointHealth.Problem.HTTP_ERROR, "HTTP " + code, millis);
                }
                return identify(body, millis);
            });
        } catch (ConnectException | NoRouteToHostException e) {
            return EndpointHealth.down(EndpointHealth.Problem.REFUSED, root.getAuthority(), elapsedMillis(start));
        } catch (SocketTimeoutException e) {
            return EndpointHealth.down(EndpointHealth.Problem.TIMEOUT, root.getAuthority(), elapsedMillis(start));
        } catch (UnknownHostException e) {
            return EndpointHealth.down(EndpointHealth.Problem.UNKNOWN_HOST, root.getHost(), elapsedMillis(start));
        } catch (SSLException e) {
            return EndpointHealth.down(EndpointHealth.Problem.TLS, e.getMessage(), elapsedMillis(start));
        } catch (IOException | RuntimeException e) {
            return EndpointHealth.down(EndpointHealth.Problem.OTHER, String.valueOf(e.getMessage()), elapsedMillis(start));
        }
    }

    private static EndpointHealth identify(String body, long millis) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return EndpointHealth.down(EndpointHealth.Problem.NOT_RECOGNIZED, "not JSON", millis);
        }
        if (root == null || !root.isObject()) {
            return EndpointHealth.down(EndpointHealth.Problem.NOT_RECOGNIZED, "not a JSON object", millis);
        }
        String version = root.path("version").asText("");
        if (root.hasNonNull("product")) {
            return EndpointHealth.up(root.get("product").asText(), version, millis);
        }
        String tagline = root.path("tagline").asText("");
        if (tagline.toLowerCase(java.util.Locale.ROOT).contains("kong") || root.has("plugins")) {
            return EndpointHealth.up("Kong", version, millis);
        }
        return EndpointHealth.down(EndpointHealth.Problem.NOT_RECOGNIZED, "no product or tagline", millis);
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
