package dev.gatehouse.app.declarative.deck;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waits for repository calls: conversions run on background threads, one step after another. */
public final class Futures {

    private Futures() {}

    /** The result, or the call's own failure (a GatewayException, a connection problem) rather than a wrapper. */
    public static <T> T join(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CompletionException(cause);
        }
    }
}
