package dev.gatehouse.app.connection;

import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.kuma.KumaClient;
import java.net.URI;
import java.util.Optional;

/** The clients of one connection: its Kong Admin API and/or Kuma control plane, and the gateway's proxy address. */
public record ConnectedApis(ConnectionProfile profile, Optional<KongAdminClient> kong, Optional<KumaClient> kuma,
                            Optional<URI> proxy) implements AutoCloseable {

    @Override
    public void close() {
        kong.ifPresent(KongAdminClient::close);
        kuma.ifPresent(KumaClient::close);
    }

    /**
     * Closes from a thread of its own: callers are often the clients' own I/O threads (a completion callback),
     * and an I/O reactor cannot shut itself down from inside.
     */
    public void closeLater() {
        Thread.ofVirtual().name("close-clients").start(this::close);
    }
}
