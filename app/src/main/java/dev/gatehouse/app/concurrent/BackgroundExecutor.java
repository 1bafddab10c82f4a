package dev.gatehouse.app.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Runs blocking work (network, disk) off the FX thread. */
public interface BackgroundExecutor extends AutoCloseable {

    /** Runs {@code work} in the background; the future completes on the worker thread. */
    <T> CompletableFuture<T> submit(Callable<T> work);

    /** This executor as a plain {@link java.util.concurrent.Executor}, for code that takes one (futures' async). */
    default java.util.concurrent.Executor asExecutor() {
        return work -> submit(() -> {
            work.run();
            return null;
        });
    }

    @Override
    void close();
}
