package dev.gatehouse.app.kubernetes.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.kubernetes.testing.GatewayMockCluster;
import dev.gatehouse.app.repository.gateway.GatewayWatch;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway repository's change stream on a cluster: Fabric8 informers on the Kong Ingress Controller's objects,
 * against Fabric8's mock API server in CRUD mode.
 */
class GatewayInformersTest {

    private GatewayMockCluster cluster;
    private final AtomicInteger changes = new AtomicInteger();
    private final List<Throwable> ended = new CopyOnWriteArrayList<>();

    private final GatewayWatch.Listener listener = new GatewayWatch.Listener() {
        @Override
        public void changed() {
            changes.incrementAndGet();
        }

        @Override
        public void interrupted(Throwable cause) {}

        @Override
        public void resumed() {}

        @Override
        public void ended(Throwable cause) {
            ended.add(cause);
        }
    };

    @BeforeEach
    void start() {
        cluster = GatewayMockCluster.start();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void whatIsThereIsNotAChangeButEachKindsNextChangeIs() throws Exception {
        cluster.client()
                .services()
                .inNamespace(GatewayMockCluster.NAMESPACE)
                .resource(service("before"))
                .create();
        try (GatewayWatch watch =
                cluster.repository(Optional.empty()).watch(listener).orElseThrow()) {
            watch.opened().get(10, TimeUnit.SECONDS);
            assertThat(changes).hasValue(0);

            cluster.client()
                    .services()
                    .inNamespace(GatewayMockCluster.NAMESPACE)
                    .resource(service("after"))
                    .create();
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.get() == 1);

            cluster.client()
                    .genericKubernetesResources("configuration.konghq.com/v1", "KongPlugin")
                    .inNamespace(GatewayMockCluster.NAMESPACE)
                    .resource(new GenericKubernetesResourceBuilder()
                            .withApiVersion("configuration.konghq.com/v1")
                            .withKind("KongPlugin")
                            .withNewMetadata()
                            .withName("key-auth")
                            .endMetadata()
                            .withAdditionalProperties(Map.of("plugin", "key-auth"))
                            .build())
                    .create();
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.get() == 2);
        }
        assertThat(ended).isEmpty();
    }

    @Test
    void aKindTheAccountMayNotListIsLeftOutAndTheRestIsFollowed() throws Exception {
        // RBAC scoped to the namespace: KongClusterPlugins are cluster-scoped, so listing them is forbidden. An
        // informer lists from the API server's cache (resourceVersion=0) first.
        for (String path : List.of(
                "/apis/configuration.konghq.com/v1/kongclusterplugins",
                "/apis/configuration.konghq.com/v1/kongclusterplugins?resourceVersion=0")) {
            cluster.server()
                    .expect()
                    .get()
                    .withPath(path)
                    .andReturn(
                            403,
                            new StatusBuilder()
                                    .withStatus("Failure")
                                    .withCode(403)
                                    .withReason("Forbidden")
                                    .withMessage("kongclusterplugins.configuration.konghq.com is forbidden")
                                    .build())
                    .always();
        }
        try (GatewayWatch watch =
                cluster.repository(Optional.empty()).watch(listener).orElseThrow()) {
            watch.opened().get(10, TimeUnit.SECONDS);
            cluster.client()
                    .services()
                    .inNamespace(GatewayMockCluster.NAMESPACE)
                    .resource(service("after"))
                    .create();
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.get() == 1);
        }
        assertThat(ended).isEmpty();
    }

    @Test
    void anApiServerThatCannotBeReachedEndsTheStreamSoThatTheConsolePolls() throws Exception {
        var unreachable = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(cluster.client().getConfiguration())
                        .withMasterUrl("https://127.0.0.1:1")
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build();
        try (unreachable;
                GatewayWatch watch = new KubernetesGatewayRepository(
                                unreachable, GatewayMockCluster.NAMESPACE, Runnable::run, Optional.empty())
                        .watch(listener)
                        .orElseThrow()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> watch.opened().isCompletedExceptionally());
            await().atMost(Duration.ofSeconds(5)).until(() -> ended.size() == 1);
        }
    }

    private static io.fabric8.kubernetes.api.model.Service service(String name) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withType("ExternalName")
                .withExternalName(name + ".example.com")
                .endSpec()
                .build();
    }
}
