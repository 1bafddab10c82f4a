package dev.gatehouse.app.kubernetes.portforward;

import dev.gatehouse.app.http.ApiEndpoint;
import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.kuma.KumaMeshRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Kuma's control plane API through a port-forward to its Service's port 5681, checked with {@code GET /} before it
 * is offered: on Kubernetes that API is read-only, and the console uses it for the control plane's inspection.
 */
public final class KumaApiForward implements AutoCloseable {

    private final ClusterForward forward;
    private final Optional<KumaClient> client;

    private KumaApiForward(ClusterForward forward, Optional<KumaClient> client) {
        this.forward = forward;
        this.client = client;
    }

    /** Opens the forward and asks the control plane's root through it; blocks, so call it off the FX thread. */
    public static KumaApiForward open(
            KubernetesClient cluster, ForwardTarget target, Duration connectTimeout, Duration responseTimeout) {
        ClusterForward forward = ClusterForward.open(cluster, target);
        Optional<Integer> port = forward.localPort();
        if (port.isEmpty()) {
            return new KumaApiForward(forward, Optional.empty());
        }
        KumaClient kuma = new KumaClient(new ApiTransport(
                ApiEndpoint.of(URI.create("http://127.0.0.1:" + port.get())), connectTimeout, responseTimeout));
        if (Probe.through(forward, kuma.index(), connectTimeout.plus(responseTimeout))) {
            return new KumaApiForward(forward, Optional.of(kuma));
        }
        kuma.close();
        return new KumaApiForward(forward, Optional.empty());
    }

    /** The forward, for its state. */
    public ClusterForward forward() {
        return forward;
    }

    /** The control plane's API as a (read) mesh repository, when it answered through the forward. */
    public Optional<MeshRepository> controlPlane() {
        return client.map(KumaMeshRepository::new);
    }

    @Override
    public void close() {
        client.ifPresent(KumaClient::close);
        forward.close();
    }
}
