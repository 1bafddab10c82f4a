package dev.gatehouse.app.kubernetes.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kubernetes.testing.MeshMockCluster;
import dev.gatehouse.app.meshpolicy.EditHistory;
import dev.gatehouse.app.meshpolicy.lockdown.Delays;
import dev.gatehouse.app.meshpolicy.lockdown.LockdownApplier;
import dev.gatehouse.app.meshpolicy.lockdown.LockdownProposal;
import dev.gatehouse.app.meshpolicy.lockdown.LockdownProposer;
import dev.gatehouse.app.meshpolicy.lockdown.ObservedPair;
import dev.gatehouse.app.meshpolicy.lockdown.Pacing;
import dev.gatehouse.app.meshpolicy.lockdown.Rollout;
import dev.gatehouse.app.meshpolicy.lockdown.RolloutWait;
import dev.gatehouse.app.testing.SandboxDemo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's lock-down on a Kubernetes connection (issue 17): proposed, applied and undone through Kuma's custom
 * resources on Fabric8's mock API server, with no control plane API to inspect (no port-forward), so the rollout waits
 * the settle time instead of taking the console's own computation as word from the data planes.
 */
class KubernetesLockdownTest {

    private static final Pacing PACING =
            new Pacing(Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(5));
    private static final List<ObservedPair> OBSERVED =
            List.of(ObservedPair.of("default", "gateway", "demo-app"), ObservedPair.of("default", "demo-app", "redis"));

    private final Messages messages = new Messages(Locale.ROOT);
    private MeshMockCluster cluster;
    private KubernetesMeshRepository repository;

    @BeforeEach
    void start() throws Exception {
        cluster = MeshMockCluster.start();
        repository = cluster.repository();
        cluster.kumaDefaults();
        cluster.dataplane("kong-5f6b", "gateway", 0, true);
        cluster.dataplane("demo-app-7d9c", "demo-app", 5000, false);
        cluster.dataplane("redis-0", "redis", 6379, false);
        SandboxDemo.mtlsOn(repository);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private boolean allowed(String source, String destination) {
        return repository.decide("default", source, destination).join().allowed();
    }

    @Test
    void theLockDownIsWrittenAsCustomResourcesWaitsTheSettleTimeAndUndoBringsAllowAllBack() {
        LockdownProposal proposal = new LockdownProposer(repository, messages)
                .propose("default", OBSERVED)
                .join();
        assertThat(proposal.permissions()).hasSize(2);
        assertThat(proposal.allowAll()).extracting(r -> r.name()).containsExactly("allow-all-default");
        List<Duration> waits = new CopyOnWriteArrayList<>();
        Delays recorded = delay -> {
            waits.add(delay);
            return CompletableFuture.completedFuture(null);
        };
        EditHistory history = new EditHistory(repository, messages, UiExecutor.DIRECT);

        Rollout rollout = new LockdownApplier(
                        history, new RolloutWait(repository, messages, Clock.systemUTC(), recorded, PACING), messages)
                .apply(proposal)
                .join();

        assertThat(rollout.inspected()).isFalse();
        assertThat(waits).containsExactly(PACING.settle());
        assertThat(cluster.kuma("TrafficPermission", "trafficpermissions", false)
                        .withName("allow-all-default")
                        .get())
                .isNull();
        assertThat(cluster.kuma("MeshTrafficPermission", "meshtrafficpermissions", true)
                        .inNamespace(MeshMockCluster.CONTROL_PLANE)
                        .list()
                        .getItems())
                .extracting(r -> r.getMetadata().getName())
                .containsExactlyInAnyOrder("lockdown-to-demo-app", "lockdown-to-redis");
        assertThat(allowed("gateway", "demo-app")).isTrue();
        assertThat(allowed("demo-app", "redis")).isTrue();
        assertThat(allowed("redis", "demo-app")).isFalse();

        history.undo().join();
        assertThat(cluster.kuma("TrafficPermission", "trafficpermissions", false)
                        .withName("allow-all-default")
                        .get())
                .isNotNull();
        assertThat(allowed("redis", "demo-app")).isTrue();
    }
}
