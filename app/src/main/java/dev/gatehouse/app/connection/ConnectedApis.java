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
}
