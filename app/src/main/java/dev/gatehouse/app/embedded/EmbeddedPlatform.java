package dev.gatehouse.app.embedded;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The runtimes Gatehouse runs in-process on loopback for the embedded sandbox; the console reaches them over HTTP. */
public interface EmbeddedPlatform extends AutoCloseable {

    /** Starts the runtimes once (later calls return the same future); {@code progress} hears each step. */
    CompletableFuture<EmbeddedAddresses> start(Consumer<String> progress);

    /** Stops everything it started. */
    @Override
    void close();
}
