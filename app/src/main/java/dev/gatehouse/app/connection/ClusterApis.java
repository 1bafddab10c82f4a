package dev.gatehouse.app.connection;

import dev.gatehouse.app.kubernetes.cluster.ClusterClients;
import dev.gatehouse.app.kubernetes.cluster.ExecPlugin;
import dev.gatehouse.app.kubernetes.cluster.InstallationScan;
import dev.gatehouse.app.kubernetes.cluster.Kubeconfig;
import dev.gatehouse.app.kubernetes.cluster.Kubeconfigs;
import dev.gatehouse.app.kubernetes.gateway.KubernetesGatewayRepository;
import dev.gatehouse.app.kubernetes.mesh.KubernetesMeshRepository;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.secret.SecretStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Kubernetes profile's live clients: one Fabric8 client for the saved context (its exec plugin found as the wizard
 * found it), and the gateway and mesh repositories over it, each only when the cluster serves its custom resources
 * (the Kong Ingress Controller's {@code configuration.konghq.com}, Kuma's {@code kuma.io}), read when connecting so
 * a product installed later shows up on the next connect.
 */
final class ClusterApis {

    private final SecretStore secrets;
    private final Path home;
    private final Duration timeout;

    ClusterApis(SecretStore secrets, Path home, Duration timeout) {
        this.secrets = secrets;
        this.home = home;
        this.timeout = timeout;
    }

    /** Connects; blocks on the API server, so call it off the FX thread. */
    ConnectedApis connect(ConnectionProfile profile) {
        ClusterSettings cluster = profile.cluster()
                .orElseThrow(() -> new IllegalStateException("The Kubernetes connection " + profile.name()
                        + " has no cluster settings; run Connect to cluster again."));
        Kubeconfig kubeconfig;
        if (cluster.pasted()) {
            String text = secrets.get(profile.kubeconfigKey())
                    .orElseThrow(() -> new IllegalStateException("The pasted kubeconfig of " + profile.name()
                            + " is not in the secret store any more; run Connect to cluster again."));
            kubeconfig = Kubeconfigs.pasted(text, home);
        } else {
            kubeconfig = Kubeconfigs.files(cluster.kubeconfigFiles());
        }
        ExecPlugin plugins = new ExecPlugin(System.getenv("PATH"), home, Duration.ofSeconds(60));
        KubernetesClient client = ClusterClients.open(kubeconfig, cluster.context(), plugins, timeout);
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("gatehouse-k8s-", 0).factory());
        try {
            // The Admin API KIC's Kong serves stays inside the cluster: schemas need it (a port-forward, next).
            Optional<GatewayRepository> gateway = InstallationScan.servesKong(client)
                    ? Optional.of(new KubernetesGatewayRepository(
                            client, cluster.gatewayNamespace().orElse("default"), executor, Optional.empty()))
                    : Optional.empty();
            Optional<MeshRepository> mesh = InstallationScan.servesKuma(client)
                    ? Optional.of(new KubernetesMeshRepository(client, cluster.meshNamespace(), executor))
                    : Optional.empty();
            return new ConnectedApis(gateway, mesh, Optional.empty(), List.of(executor::shutdownNow, client));
        } catch (RuntimeException e) {
            executor.shutdownNow();
            client.close();
            throw e;
        }
    }
}
