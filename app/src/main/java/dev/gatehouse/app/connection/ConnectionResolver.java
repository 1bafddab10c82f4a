package dev.gatehouse.app.connection;

import dev.gatehouse.app.embedded.EmbeddedAddresses;
import dev.gatehouse.app.embedded.EmbeddedPlatform;
import dev.gatehouse.app.http.ApiEndpoint;
import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.kong.HttpGatewayProxy;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.kong.KongGatewayRepository;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.kuma.KumaMeshRepository;
import dev.gatehouse.app.secret.SecretStore;
import dev.gatehouse.app.traffic.TrafficSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Turns a profile into live clients: remote ones from their settings and tokens, embedded ones once started. */
public final class ConnectionResolver {

    private final SecretStore secrets;
    private final EmbeddedPlatform embedded;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final ClusterApis clusters;

    public ConnectionResolver(
            SecretStore secrets, EmbeddedPlatform embedded, Duration connectTimeout, Duration responseTimeout) {
        this.secrets = secrets;
        this.embedded = embedded;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.clusters =
                new ClusterApis(secrets, Path.of(System.getProperty("user.home")), connectTimeout, responseTimeout);
    }

    /** The embedded sandbox this resolver starts. */
    EmbeddedPlatform embedded() {
        return embedded;
    }

    /** Clients for {@code profile}; for the embedded sandbox this starts it first, reporting progress. */
    public CompletableFuture<ConnectedApis> connect(ConnectionProfile profile, Consumer<String> progress) {
        if (profile.isEmbedded()) {
            return embedded.start(progress).thenApply(this::embeddedApis);
        }
        if (profile.kind() == ConnectionKind.KUBERNETES) {
            // Reading the kubeconfig, running an exec plugin and asking the API server all block.
            return CompletableFuture.supplyAsync(
                    () -> clusters.connect(profile, progress),
                    command -> Thread.ofVirtual().start(command));
        }
        try {
            return CompletableFuture.completedFuture(remoteApis(profile));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Clients for a profile being edited, with tokens typed but not yet saved. */
    public ConnectedApis connectWithTokens(
            ConnectionProfile profile, Optional<String> gatewayToken, Optional<String> meshToken) {
        Optional<KongAdminClient> kong = profile.gateway().map(s -> kong(s.toApiEndpoint(gatewayToken)));
        Optional<KumaClient> kuma = profile.mesh().map(s -> kuma(s.toApiEndpoint(meshToken)));
        return apis(kong, kuma, profile.gatewayProxy());
    }

    private ConnectedApis remoteApis(ConnectionProfile profile) {
        return connectWithTokens(profile, secrets.get(profile.gatewayTokenKey()), secrets.get(profile.meshTokenKey()));
    }

    private ConnectedApis embeddedApis(EmbeddedAddresses addresses) {
        return apis(
                Optional.of(kong(ApiEndpoint.of(addresses.gatewayAdmin()))),
                addresses.meshApi().map(uri -> kuma(ApiEndpoint.of(uri))),
                Optional.of(addresses.gatewayProxy()),
                embedded.traffic());
    }

    private static ConnectedApis apis(Optional<KongAdminClient> kong, Optional<KumaClient> kuma, Optional<URI> proxy) {
        return apis(kong, kuma, proxy, Optional.empty());
    }

    private static ConnectedApis apis(
            Optional<KongAdminClient> kong,
            Optional<KumaClient> kuma,
            Optional<URI> proxy,
            Optional<TrafficSource> inProcessTraffic) {
        List<AutoCloseable> clients = new ArrayList<>();
        kong.ifPresent(clients::add);
        kuma.ifPresent(clients::add);
        return new ConnectedApis(
                kong.map(KongGatewayRepository::new),
                kuma.map(KumaMeshRepository::new),
                proxy.map(HttpGatewayProxy::new),
                clients,
                inProcessTraffic);
    }

    private KongAdminClient kong(ApiEndpoint endpoint) {
        return new KongAdminClient(new ApiTransport(endpoint, connectTimeout, responseTimeout));
    }

    private KumaClient kuma(ApiEndpoint endpoint) {
        return new KumaClient(new ApiTransport(endpoint, connectTimeout, responseTimeout));
    }
}
