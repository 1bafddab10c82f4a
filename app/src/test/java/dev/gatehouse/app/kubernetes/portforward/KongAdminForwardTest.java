package dev.gatehouse.app.kubernetes.portforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.kubernetes.cluster.MockCluster;
import dev.gatehouse.app.kubernetes.testing.KongAdminFixture;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.gateway.GatewayConfig;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.gateway.listen.ListenSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kong Admin API of KIC's Kong found and reached through a real tunnel: Fabric8's LocalPortForward on loopback,
 * its websocket through the mock API server, bridged there (as the kubelet would) to the embedded gateway's Admin API
 * on TLS with its self-signed certificate, as Kong's charts serve 8444; and each way it fails, as a sentence.
 */
class KongAdminForwardTest {

    private static final Duration CONNECT = Duration.ofSeconds(3);
    private static final Duration RESPONSE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private MockCluster cluster;
    private KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster("1", "31");
        client = cluster.admin();
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void readsKongsSchemasThroughThePortForwardToTheAdminServicesReadyPod() {
        KongAdminFixture.service(client);
        KongAdminFixture.pod(client, "kong-gateway-0-not-ready", false);
        KongAdminFixture.pod(client, KongAdminFixture.POD, true);
        try (RunningGateway kong = Gateway.start(GatewayConfig.ephemeral(dir)
                .withAdminListeners(List.of(new ListenSpec(new InetSocketAddress("127.0.0.1", 0), true))))) {
            cluster.tunnels()
                    .bridge(
                            KongAdminFixture.NAMESPACE,
                            KongAdminFixture.POD,
                            KongAdminFixture.PORT,
                            kong.adminTlsListener().orElseThrow().address());

            TargetLookup lookup = KongAdminService.find(client, List.of("shop"));
            assertThat(lookup.target())
                    .contains(new ForwardTarget(
                            ForwardTarget.Serves.GATEWAY,
                            KongAdminService.PURPOSE,
                            "kong",
                            KongAdminFixture.SERVICE,
                            KongAdminFixture.PORT,
                            true));

            List<ForwardState> seen = new CopyOnWriteArrayList<>();
            ForwardState last;
            try (KongAdminForward forward =
                    KongAdminForward.open(client, lookup.target().get(), CONNECT, RESPONSE)) {
                forward.forward().subscribe(seen::add);
                ForwardState open = forward.forward().state();
                assertThat(open.phase()).isEqualTo(ForwardState.Phase.OPEN);
                assertThat(open.pod()).isEqualTo(KongAdminFixture.POD + ":8444");
                assertThat(open.sentence())
                        .isEqualTo("Kong's Admin API: port-forward open on 127.0.0.1:" + open.localPort()
                                + " to kong/kong-gateway-admin:8444 (pod kong-gateway-6c7d8-x2x9q:8444)");

                EntitySchema services = forward.schemas()
                        .orElseThrow()
                        .schema(EntityKind.SERVICES)
                        .join();
                assertThat(services.field("host")).isPresent();
                assertThat(cluster.tunnels().opened()).isPositive();
                assertThat(forward.forward().check().phase()).isEqualTo(ForwardState.Phase.OPEN);
                last = open;
            }
            assertThat(seen.getLast().phase()).isEqualTo(ForwardState.Phase.CLOSED);
            assertThat(seen.getLast().localPort()).isEqualTo(last.localPort());
        }
    }

    @Test
    void anOpenForwardWhosePodStopsAnsweringTurnsFailedOnItsOwn() {
        KongAdminFixture.service(client);
        KongAdminFixture.pod(client, KongAdminFixture.POD, true);
        RunningGateway kong = Gateway.start(GatewayConfig.ephemeral(dir)
                .withAdminListeners(List.of(new ListenSpec(new InetSocketAddress("127.0.0.1", 0), true))));
        InetSocketAddress admin = kong.adminTlsListener().orElseThrow().address();
        cluster.tunnels().bridge(KongAdminFixture.NAMESPACE, KongAdminFixture.POD, KongAdminFixture.PORT, admin);
        ForwardTarget target = KongAdminService.find(client, List.of()).target().orElseThrow();
        try (KongAdminForward forward = KongAdminForward.open(client, target, CONNECT, RESPONSE)) {
            assertThat(forward.forward().state().phase()).isEqualTo(ForwardState.Phase.OPEN);
            var schemas = forward.schemas().orElseThrow();
            kong.close();

            // Requests through the forward fail; a new connection meets the kubelet's error (a pooled one may fail
            // first without opening a tunnel), and the forward's own watch turns it failed.
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        assertThat(catchThrowable(
                                        () -> schemas.schema(EntityKind.ROUTES).join()))
                                .isNotNull();
                        assertThat(forward.forward().state().phase()).isEqualTo(ForwardState.Phase.FAILED);
                    });
            assertThat(forward.forward().state().problem())
                    .startsWith("the pod answered: error forwarding port 8444 to pod: dial tcp 127.0.0.1:"
                            + admin.getPort());
        }
    }

    @Test
    void saysWhatItLookedForAndWhyAForwardFailed() throws Exception {
        TargetLookup none = KongAdminService.find(client, List.of("shop", "payments"));
        assertThat(none.target()).isEmpty();
        assertThat(none.looked())
                .isEqualTo("no Service named *-admin with a port kong-admin, kong-admin-tls, 8001 or 8444 in"
                        + " namespaces shop, payments, kong");

        KongAdminFixture.service(client);
        ForwardTarget target = KongAdminService.find(client, List.of()).target().orElseThrow();
        assertThat(failure(target)).isEqualTo("no pod matches the Service's selector app=kong-gateway");

        KongAdminFixture.pod(client, "kong-gateway-starting", false);
        assertThat(failure(target)).isEqualTo("none of the 1 pods matching app=kong-gateway is ready");

        // The pod is ready but nothing listens on its port: the kubelet answers on the error channel.
        KongAdminFixture.pod(client, KongAdminFixture.POD, true);
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        cluster.tunnels()
                .bridge(
                        KongAdminFixture.NAMESPACE,
                        KongAdminFixture.POD,
                        KongAdminFixture.PORT,
                        new InetSocketAddress("127.0.0.1", closed));
        try (KongAdminForward forward = KongAdminForward.open(client, target, CONNECT, RESPONSE)) {
            ForwardState state = forward.forward().state();
            assertThat(state.phase()).isEqualTo(ForwardState.Phase.FAILED);
            assertThat(state.localPort()).isPositive();
            assertThat(state.problem())
                    .startsWith("the pod answered: error forwarding port 8444 to pod: dial tcp 127.0.0.1")
                    .contains("Connection refused");
            assertThat(forward.schemas()).isEmpty();
        }
    }

    private String failure(ForwardTarget target) {
        try (ClusterForward forward = ClusterForward.open(client, target)) {
            assertThat(forward.state().phase()).isEqualTo(ForwardState.Phase.FAILED);
            assertThat(forward.localPort()).isEmpty();
            return forward.state().problem();
        }
    }
}
