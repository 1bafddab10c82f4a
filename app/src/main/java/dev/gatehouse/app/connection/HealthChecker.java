package dev.gatehouse.app.connection;

import dev.gatehouse.app.http.ApiUnreachableException;
import dev.gatehouse.app.http.ConnectionProblem;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** Asks each repository who answers (Kong's {@code GET /}, Kuma's index) and turns the answer into health. */
public final class HealthChecker {

    private HealthChecker() {}

    /** Kong answers {@code {"tagline":"Welcome to kong","version":...}} (kong/api/routes/kong.lua). */
    public static CompletableFuture<EndpointHealth> gateway(GatewayRepository gateway) {
        long start = System.nanoTime();
        return gateway.node().handle((node, failure) -> {
            long millis = millisSince(start);
            if (failure != null) {
                return fromFailure(failure, millis);
            }
            if (!node.tagline().toLowerCase(Locale.ROOT).contains("kong")
                    || node.version().isEmpty()) {
                return EndpointHealth.down(ConnectionProblem.NOT_RECOGNIZED, "no Kong tagline and version", millis);
            }
            return EndpointHealth.up(node.product(), node.version(), millis);
        });
    }

    /** Kuma's index names the product ({@code Kuma}, or a distribution such as Kong Mesh). */
    public static CompletableFuture<EndpointHealth> mesh(MeshRepository mesh) {
        long start = System.nanoTime();
        return mesh.node().handle((node, failure) -> {
            long millis = millisSince(start);
            if (failure != null) {
                return fromFailure(failure, millis);
            }
            if (node.product().isEmpty() || node.version().isEmpty()) {
                return EndpointHealth.down(ConnectionProblem.NOT_RECOGNIZED, "no Kuma product and version", millis);
            }
            return EndpointHealth.up(node.product(), node.version(), millis);
        });
    }

    /** The health a failed call implies (unreachable, unauthorized, error), with no latency. */
    public static EndpointHealth health(Throwable failure) {
        return fromFailure(failure, 0);
    }

    static EndpointHealth fromFailure(Throwable failure, long millis) {
        Throwable e =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof ApiUnreachableException unreachable) {
            return EndpointHealth.down(unreachable.problem(), unreachable.detail(), millis);
        }
        if (e instanceof GatewayException gateway) {
            return statusProblem(gateway.status(), gateway.getMessage(), millis);
        }
        if (e instanceof MeshException mesh) {
            return statusProblem(mesh.status(), mesh.getMessage(), millis);
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
