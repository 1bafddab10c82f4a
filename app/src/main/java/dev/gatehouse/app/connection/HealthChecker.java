package dev.gatehouse.app.connection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.http.ApiUnreachableException;
import dev.gatehouse.app.http.ConnectionProblem;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.kong.KongApiException;
import dev.gatehouse.app.kuma.KumaApiException;
import dev.gatehouse.app.kuma.KumaClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** Asks each API who it is (Kong's {@code GET /}, Kuma's index) and turns the answer or failure into health. */
public final class HealthChecker {

    private HealthChecker() {
    }

    /** Kong answers {@code {"tagline":"Welcome to kong","version":...}} (kong/api/routes/kong.lua). */
    public static CompletableFuture<EndpointHealth> gateway(KongAdminClient kong) {
        long start = System.nanoTime();
        return kong.node().handle((node, failure) -> {
            long millis = millisSince(start);
            if (failure != null) {
                return fromFailure(failure, millis);
            }
            ObjectNode root = node.root();
            String tagline = root.path("tagline").asText("");
            if (!tagline.toLowerCase(java.util.Locale.ROOT).contains("kong") || !root.hasNonNull("version")) {
                return EndpointHealth.down(ConnectionProblem.NOT_RECOGNIZED, "no Kong tagline and version", millis);
            }
            return EndpointHealth.up(node.product(), root.get("version").asText(), millis);
        });
    }

    /** Kuma's index names the product ({@code Kuma}, or a distribution such as Kong Mesh). */
    public static CompletableFuture<EndpointHealth> mesh(KumaClient kuma) {
        long start = System.nanoTime();
        return kuma.index().handle((index, failure) -> {
            long millis = millisSince(start);
            if (failure != null) {
                return fromFailure(failure, millis);
            }
            if (!index.hasNonNull("product") || !index.hasNonNull("version")) {
                return EndpointHealth.down(ConnectionProblem.NOT_RECOGNIZED, "no Kuma product and version", millis);
            }
            return EndpointHealth.up(index.get("product").asText(), index.get("version").asText(), millis);
        });
    }

    /** The health a failed call implies (unreachable, unauthorized, error), with no latency. */
    public static EndpointHealth health(Throwable failure) {
        return fromFailure(failure, 0);
    }

    static EndpointHealth fromFailure(Throwable failure, long millis) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof ApiUnreachableException unreachable) {
            return EndpointHealth.down(unreachable.problem(), unreachable.detail(), millis);
        }
        if (e instanceof KongApiException kong) {
            return statusProblem(kong.status(), kong.getMessage(), millis);
        }
        if (e instanceof KumaApiException kuma) {
            return statusProblem(kuma.status(), kuma.getMessage(), millis);
        }
        return EndpointHealth.down(ConnectionProblem.OTHER, String.valueOf(e.getMessage()), millis);
    }

    private static EndpointHealth statusProblem(int status, String message, long millis) {
        if (status == 401 || status == 403) {
            return EndpointHealth.down(ConnectionProblem.UNAUTHORIZED, "HTTP " + status, millis);
        }
        if (status == 200) {
            return EndpointHealth.down(ConnectionProblem.NOT_RECOGNIZED, message, millis);
        }
        return EndpointHealth.down(ConnectionProblem.HTTP_ERROR, "HTTP " + status, millis);
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
