package dev.gatehouse.app.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Runs blocking work (network, disk) off the FX thread. */
public interface BackgroundExecutor extends AutoCloseable {

    /** Runs {@code work} in the background; the future completes on the worker thread. */
    <T> CompletableFuture<T> submit(Callable<T> work);

    @Override
    void close();
}
