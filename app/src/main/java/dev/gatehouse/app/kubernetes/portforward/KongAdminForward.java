package dev.gatehouse.app.kubernetes.portforward;

import dev.gatehouse.app.http.ApiEndpoint;
import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.kong.KongGatewayRepository;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The Kong Admin API of the Kong Ingress Controller's Kong through a port-forward, checked with one {@code GET /}
 * before it is offered: what a Kubernetes connection reads Kong's schemas from (and, later, what Kong loaded).
 */
public final class KongAdminForward implements AutoCloseable {

    private final ClusterForward forward;
    private final Optional<KongAdminClient> client;

    private KongAdminForward(ClusterForward forward, Optional<KongAdminClient> client) {
        this.forward = forward;
        this.client = client;
    }

    /** Opens the forward and asks Kong's root through it; blocks, so call it off the FX thread. */
    public static KongAdminForward open(
            KubernetesClient cluster, ForwardTarget target, Duration connectTimeout, Duration responseTimeout) {
        ClusterForward forward = ClusterForward.open(cluster, target);
        Optional<Integer> port = forward.localPort();
        if (port.isEmpty()) {
            return new KongAdminForward(forward, Optional.empty());
        }
        // Kong's Admin API on 8444 presents the self-signed certificate Kong made for itself, issued for no name
        // that 127.0.0.1 could match. Verification is skipped for this hop only: the bytes travel inside the API
        // server's tunnel, whose end was authenticated (the kubeconfig's CA) and authorised (pods/portforward), and
        // reach the pod the console picked; no one else can answer on it.
        URI base = URI.create((target.tls() ? "https" : "http") + "://127.0.0.1:" + port.get());
        ApiEndpoint endpoint = new ApiEndpoint(base, Map.of(), Optional.empty(), target.tls());
        KongAdminClient kong = new KongAdminClient(new ApiTransport(endpoint, connectTimeout, responseTimeout));
        if (Probe.through(forward, kong.node(), connectTimeout.plus(responseTimeout))) {
            return new KongAdminForward(forward, Optional.of(kong));
        }
        kong.close();
        return new KongAdminForward(forward, Optional.empty());
    }

    /** The forward, for its state. */
    public ClusterForward forward() {
        return forward;
    }

    /** Kong's schemas, when Kong answered through the forward. */
    public Optional<GatewayRepository> schemas() {
        return client.map(KongGatewayRepository::new);
    }

    @Override
    public void close() {
        client.ifPresent(KongAdminClient::close);
        forward.close();
    }
}
