package dev.gatehouse.app.repository.gateway;

import java.util.concurrent.CompletableFuture;

/** An open stream of the gateway's changes; close it when the console no longer needs it. */
public interface GatewayWatch extends AutoCloseable {

    /** What the stream tells, on a thread of the repository's. */
    interface Listener {
        /** Something the gateway pages show was added, changed or removed. */
        void changed();

        /** The stream was cut (the server went away, say); it keeps trying to come back by itself. */
        void interrupted(Throwable cause);

        /** After an interruption: the stream is whole again, and what changed meanwhile has been told. */
        void resumed();

        /** The stream will not come back (refused at the start, or not allowed): poll instead. */
        void ended(Throwable cause);
    }

    /** Completes once the stream has read what is there and follows it. */
    CompletableFuture<Void> opened();

    @Override
    void close();
}
