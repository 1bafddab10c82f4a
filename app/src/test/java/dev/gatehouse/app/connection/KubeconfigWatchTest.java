package dev.gatehouse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.kubernetes.testing.ApiDiscovery;
import dev.gatehouse.app.kubernetes.testing.MeshMockCluster;
import dev.gatehouse.app.testing.TestConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kubernetes connection follows its kubeconfig: when the file is written again (here pointing at another API
 * server, as kubectl config set-cluster would), the connection is made again from it, once writes settle.
 */
class KubeconfigWatchTest {

    @TempDir
    Path dir;

    private static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                contexts:
                - name: staging
                  context: {cluster: c, user: me}
                users:
                - name: me
                  user: {token: abc}
                """.formatted(server);
    }

    private static void serveKuma(MeshMockCluster cluster) {
        ApiDiscovery.serve(cluster.server(), ApiDiscovery.KUMA, "v1alpha1");
    }

    @Test
    void reconnectsWhenTheKubeconfigChanges() throws Exception {
        try (MeshMockCluster first = MeshMockCluster.start();
                MeshMockCluster second = MeshMockCluster.start()) {
            serveKuma(first);
            serveKuma(second);
            Path file = dir.resolve("kube/config");
            Files.createDirectories(file.getParent());
            Files.writeString(file, kubeconfig(first.url()));
            ConnectionProfile profile = new ConnectionProfile(
                    "k8s",
                    "Staging",
                    ConnectionKind.KUBERNETES,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(new ClusterSettings(List.of(file), "staging", List.of("default"), "kuma-system")));
            try (ActiveConnection connection = TestConnections.connected(dir, profile);
                    KubeconfigWatch watch = new KubeconfigWatch(connection, Duration.ofMillis(200))) {
                assertThat(connection.apis().mesh().orElseThrow().address().toString())
                        .startsWith(first.url());

                Files.writeString(file, kubeconfig(second.url()));

                await().atMost(Duration.ofSeconds(20))
                        .until(() -> connection.apis() != null
                                && connection.apis().mesh().isPresent()
                                && connection
                                        .apis()
                                        .mesh()
                                        .get()
                                        .address()
                                        .toString()
                                        .startsWith(second.url()));
            }
        }
    }
}
