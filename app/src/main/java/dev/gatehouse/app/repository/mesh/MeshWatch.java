package dev.gatehouse.app.repository.mesh;

import java.util.concurrent.CompletableFuture;

/** An open change stream; close it when the page no longer needs it. */
public interface MeshWatch extends AutoCloseable {

    /** Completes with the store revision the stream starts after, once the control plane accepted it. */
    CompletableFuture<Long> opened();

    @Override
    void close();
}
