package dev.gatehouse.app.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Runs work on the calling thread; lets view-model tests run deterministically without threads. */
public final class DirectBackgroundExecutor implements BackgroundExecutor {

    @Override
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        try {
            return CompletableFuture.completedFuture(work.call());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        // nothing to stop
    }
}
