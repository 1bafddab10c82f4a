package dev.gatehouse.app.kubernetes.portforward;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One request through a fresh forward: what turns it from opening to open, or to failed with the reason. */
final class Probe {

    private Probe() {}

    /** Waits up to {@code timeout} for {@code request} (sent through {@code forward}); true when it answered. */
    static boolean through(ClusterForward forward, CompletableFuture<?> request, Duration timeout) {
        try {
            request.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            forward.confirmed();
            return true;
        } catch (ExecutionException e) {
            forward.failed(e.getCause());
        } catch (TimeoutException e) {
            request.cancel(true);
            forward.failed(
                    new TimeoutException("no answer through the port-forward within " + timeout.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forward.failed(e);
        }
        return false;
    }
}
