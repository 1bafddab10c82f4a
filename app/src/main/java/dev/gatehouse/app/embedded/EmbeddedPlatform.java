package dev.gatehouse.app.embedded;

import dev.gatehouse.app.traffic.TrafficSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The runtimes Gatehouse runs in-process on loopback for the embedded sandbox; the console reaches them over HTTP. */
public interface EmbeddedPlatform extends AutoCloseable {

    /** Starts the runtimes once (later calls return the same future); {@code progress} hears each step. */
    CompletableFuture<EmbeddedAddresses> start(Consumer<String> progress);

    /**
     * Where the runtimes listen while they run. Once started they keep running until {@link #close()}, also while
     * another connection is active, so that switching back is instant; empty before the first start.
     */
    Optional<EmbeddedAddresses> running();

    /**
     * The running sandbox's traffic, read in-process (the gateway's request events); empty before it runs. The same
     * source every time, so a watch on it can be recognised.
     */
    default Optional<TrafficSource> traffic() {
        return Optional.empty();
    }

    /** Where the runtimes keep their stores (the gateway's database, the mesh's resources and CA). */
    Path dataDir();

    /** Stops everything it started. */
    @Override
    void close();
}
