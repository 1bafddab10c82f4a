package dev.gatehouse.app.connection;

import dev.gatehouse.app.declarative.kubernetes.GatewayRef;
import dev.gatehouse.app.kubernetes.cluster.ClusterClients;
import dev.gatehouse.app.kubernetes.cluster.ExecPlugin;
import dev.gatehouse.app.kubernetes.cluster.InstallationScan;
import dev.gatehouse.app.kubernetes.cluster.Kubeconfig;
import dev.gatehouse.app.kubernetes.cluster.Kubeconfigs;
import dev.gatehouse.app.kubernetes.gateway.KubernetesGatewayRepository;
import dev.gatehouse.app.kubernetes.mesh.KubernetesMeshRepository;
import dev.gatehouse.app.kubernetes.portforward.ClusterForward;
import dev.gatehouse.app.kubernetes.portforward.KongAdminForward;
import dev.gatehouse.app.kubernetes.portforward.KongAdminService;
import dev.gatehouse.app.kubernetes.portforward.KumaApiForward;
import dev.gatehouse.app.kubernetes.portforward.KumaControlPlaneService;
import dev.gatehouse.app.kubernetes.portforward.TargetLookup;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.secret.SecretStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A Kubernetes profile's live clients: one Fabric8 client for the saved context (its exec plugin found as the wizard
 * found it), and the gateway and mesh repositories over it, each only when the cluster serves its custom resources
 * (the Kong Ingress Controller's {@code configuration.konghq.com}, Kuma's {@code kuma.io}), read when connecting so
 * a product installed later shows up on the next connect. Kong's schemas come from the Kong Admin API of KIC's
 * Kong, which stays inside the cluster: through a port-forward to its admin Service when there is one.
 */
final class ClusterApis {

    private final SecretStore secrets;
    private final Path home;
    private final Duration connectTimeout;
    private final Duration timeout;

    ClusterApis(SecretStore secrets, Path home, Duration connectTimeout, Duration timeout) {
        this.secrets = secrets;
        this.home = home;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    /**
     * Connects; blocks on the API server, so call it off the FX thread. {@code progress} hears each step as a
     * sentence (the status bar shows them): waiting on a port-forward can take seconds.
     */
    ConnectedApis connect(ConnectionProfile profile, Consumer<String> progress) {
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
        progress.accept("Connecting to context " + cluster.context() + "\u2026");
        KubernetesClient client = ClusterClients.open(kubeconfig, cluster.context(), plugins, timeout);
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("gatehouse-k8s-", 0).factory());
        List<AutoCloseable> closing = new ArrayList<>(List.<AutoCloseable>of(executor::shutdownNow, client));
        try {
            Optional<GatewayRepository> gateway = Optional.empty();
            List<ClusterForward> forwards = new ArrayList<>();
            progress.accept("Asking " + client.getMasterUrl().getHost() + " what is installed\u2026");
            if (InstallationScan.servesKong(client)) {
                String namespace = cluster.gatewayNamespace().orElse("default");
                TargetLookup admin = KongAdminService.find(client, cluster.namespaces());
                Optional<GatewayRepository> schemas = Optional.empty();
                String missing = admin.looked();
                if (admin.target().isPresent()) {
                    progress.accept("Opening the port-forward to Kong's Admin API ("
                            + admin.target().get().describe() + ")\u2026");
                    KongAdminForward forward =
                            KongAdminForward.open(client, admin.target().get(), connectTimeout, timeout);
                    // First in line: closed before the client it tunnels through.
                    closing.addFirst(forward);
                    forwards.add(forward.forward());
                    schemas = forward.schemas();
                    missing = forward.forward().state().sentence();
                }
                gateway = Optional.of(new KubernetesGatewayRepository(
                        client,
                        namespace,
                        executor,
                        schemas,
                        missing,
                        cluster.routesGateway().map(GatewayRef::parse)));
            }
            Optional<MeshRepository> mesh = Optional.empty();
            if (InstallationScan.servesKuma(client)) {
                // The control plane's API for its inspection when reachable; the engine computes it otherwise.
                TargetLookup api = KumaControlPlaneService.find(client, cluster.meshNamespace());
                Optional<MeshRepository> controlPlane = Optional.empty();
                if (api.target().isPresent()) {
                    progress.accept("Opening the port-forward to Kuma's control plane API ("
                            + api.target().get().describe() + ")\u2026");
                    KumaApiForward forward =
                            KumaApiForward.open(client, api.target().get(), connectTimeout, timeout);
                    closing.addFirst(forward);
                    forwards.add(forward.forward());
                    controlPlane = forward.controlPlane();
                }
                mesh = Optional.of(
                        new KubernetesMeshRepository(client, cluster.meshNamespace(), executor, controlPlane));
            }
            return new ConnectedApis(gateway, mesh, Optional.empty(), closing, Optional.empty(), forwards);
        } catch (RuntimeException e) {
            new ConnectedApis(Optional.empty(), Optional.empty(), Optional.empty(), closing).close();
            throw e;
        }
    }
}
