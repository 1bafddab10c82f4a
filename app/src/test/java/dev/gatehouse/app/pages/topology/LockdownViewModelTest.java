package dev.gatehouse.app.pages.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.DirectBackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.kuma.KumaMeshRepository;
import dev.gatehouse.app.meshpolicy.EditHistory;
import dev.gatehouse.app.meshpolicy.lockdown.Delays;
import dev.gatehouse.app.meshpolicy.lockdown.LockdownApplier;
import dev.gatehouse.app.meshpolicy.lockdown.Pacing;
import dev.gatehouse.app.meshpolicy.lockdown.RolloutWait;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.mesh.RunningControlPlane;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock-down panel's model against a real control plane (the sandbox's data planes, mTLS on, allow-all-default),
 * fed through the console's traffic feed: the window the user picks decides the proposal, which shows as proposed
 * edges with the pairs it will deny; apply and undo go through the graph's edit history. The test thread is the UI
 * thread (direct executors).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LockdownViewModelTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private final AtomicLong nanos = new AtomicLong(1_000 * MINUTE);
    private final TrafficFeed feed = new TrafficFeed(1_000);
    private RunningControlPlane cp;
    private KumaClient kuma;
    private MeshRepository mesh;
    private EditHistory history;
    private LockdownViewModel model;

    @BeforeEach
    void start() throws Exception {
        cp = TestRuntimes.controlPlane(dir);
        kuma = TestRuntimes.kuma(cp);
        mesh = new KumaMeshRepository(kuma);
        put("/meshes/default/dataplanes/redis-1", """
                {"type":"Dataplane","mesh":"default","name":"redis-1",
                 "networking":{"address":"127.0.0.1","inbound":[{"port":16379,"servicePort":6379,
                   "tags":{"kuma.io/service":"redis","kuma.io/protocol":"tcp"}}]}}""");
        put("/meshes/default/dataplanes/demo-app-1", """
                {"type":"Dataplane","mesh":"default","name":"demo-app-1",
                 "networking":{"address":"127.0.0.1","inbound":[{"port":15000,"servicePort":5000,
                   "tags":{"kuma.io/service":"demo-app","kuma.io/protocol":"tcp"}}],
                   "outbound":[{"port":16380,"tags":{"kuma.io/service":"redis"}}]}}""");
        put("/meshes/default/dataplanes/gateway", """
                {"type":"Dataplane","mesh":"default","name":"gateway",
                 "networking":{"address":"127.0.0.1",
                   "gateway":{"type":"DELEGATED","tags":{"kuma.io/service":"gateway"}},
                   "outbound":[{"port":15001,"tags":{"kuma.io/service":"demo-app"}}]}}""");
        put("/meshes/default", """
                {"type":"Mesh","name":"default",
                 "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}}""");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mesh.permissionMatrix("default").join().mtlsEnabled());
        history = new EditHistory(mesh, messages, UiExecutor.DIRECT);
        LockdownApplier applier = new LockdownApplier(
                history,
                new RolloutWait(
                        mesh,
                        messages,
                        Clock.systemUTC(),
                        Delays.REAL,
                        new Pacing(Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(5))),
                messages);
        model = new LockdownViewModel(
                mesh, history, applier, feed, new DirectBackgroundExecutor(), UiExecutor.DIRECT, nanos::get, messages);
    }

    @AfterEach
    void stop() {
        kuma.close();
        cp.close();
    }

    private void put(String path, String json) throws Exception {
        kuma.put(path, (ObjectNode) JSON.readTree(json)).join();
    }

    /** A hop as the data plane of its destination logs it, named from its caller's twin. */
    private void hop(long minutesAgo, String source, String destination) {
        feed.sink()
                .accept(new TrafficEvent(
                        0,
                        nanos.get() - minutesAgo * MINUTE,
                        Origin.MESH,
                        Instant.EPOCH,
                        "default",
                        source,
                        destination,
                        "",
                        "",
                        "",
                        "",
                        0,
                        Outcome.SUCCESS,
                        1,
                        "",
                        "",
                        "INBOUND",
                        "-",
                        "127.0.0.1:40000",
                        null));
    }

    private void awaitStage(LockdownViewModel.Stage stage) {
        await().atMost(Duration.ofSeconds(20)).until(() -> model.stageProperty().get() == stage);
    }

    @Test
    void proposesFromTheChosenWindowAppliesAndUndoes() {
        hop(30, "redis", "demo-app"); // outside a 10-minute window
        hop(2, "gateway", "demo-app");
        hop(1, "demo-app", "redis");
        feed.pulse();
        model.windowMinutesProperty().set(10);

        model.propose("default");
        awaitStage(LockdownViewModel.Stage.PROPOSED);

        assertThat(model.proposedEdges())
                .containsExactly(
                        new LockdownViewModel.ProposedEdge(
                                "default",
                                "gateway",
                                "demo-app",
                                new PolicyRef("MeshTrafficPermission", "lockdown-to-demo-app")),
                        new LockdownViewModel.ProposedEdge(
                                "default",
                                "demo-app",
                                "redis",
                                new PolicyRef("MeshTrafficPermission", "lockdown-to-redis")));
        assertThat(model.willBeDenied()).contains("redis \u2192 demo-app");
        assertThat(model.notes()).isEmpty();
        assertThat(model.denied()).isEmpty();
        assertThat(model.canApplyProperty().get()).isTrue();
        assertThat(model.applyHintProperty().get()).isEmpty();
        assertThat(model.summaryProperty().get())
                .startsWith("2 permissions for 2 observed pairs; then TrafficPermission allow-all-default removed."
                        + " All 2 observed pairs stay allowed.");

        model.apply();
        awaitStage(LockdownViewModel.Stage.APPLIED);

        assertThat(model.summaryProperty().get()).startsWith("Inspection showed the new permissions");
        assertThat(model.progress())
                .containsExactly(
                        "Creating 2 permissions\u2026",
                        "Waiting until the data planes have the new permissions (control plane inspection)\u2026",
                        "Removing TrafficPermission allow-all-default\u2026",
                        "Done. " + model.summaryProperty().get());
        // applied: the graph draws them as allowed edges from now on
        assertThat(model.proposedEdges()).isEmpty();
        assertThat(model.canUndoProperty().get()).isTrue();
        assertThat(mesh.find(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default")
                        .join())
                .isEmpty();
        assertThat(mesh.decide("default", "redis", "demo-app").join().allowed()).isFalse();

        model.undo();
        awaitStage(LockdownViewModel.Stage.IDLE);

        assertThat(mesh.find(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default")
                        .join())
                .isPresent();
        assertThat(mesh.decide("default", "redis", "demo-app").join().allowed()).isTrue();
        assertThat(model.proposedEdges()).isEmpty();
    }

    @Test
    void aWiderWindowTakesInTheOlderPairAndTheReplayWouldKeepIt() {
        hop(30, "redis", "demo-app");
        hop(2, "gateway", "demo-app");
        feed.pulse();
        model.windowMinutesProperty().set(60);

        model.propose("default");
        awaitStage(LockdownViewModel.Stage.PROPOSED);

        assertThat(model.proposedEdges())
                .extracting(e -> e.source() + "->" + e.destination())
                .containsExactly("gateway->demo-app", "redis->demo-app");
        assertThat(model.willBeDenied()).doesNotContain("redis \u2192 demo-app").contains("demo-app \u2192 redis");
    }

    @Test
    void aDiscardedProposalLeavesNoEdgesAndNothingToApply() {
        hop(1, "gateway", "demo-app");
        feed.pulse();

        model.propose("default");
        awaitStage(LockdownViewModel.Stage.PROPOSED);
        assertThat(model.proposedEdges()).hasSize(1);

        model.discardProposal();

        assertThat(model.stageProperty().get()).isEqualTo(LockdownViewModel.Stage.IDLE);
        assertThat(model.proposedEdges()).isEmpty();
        assertThat(model.canApplyProperty().get()).isFalse();
        assertThat(model.applyHintProperty().get()).startsWith("Propose first");
        assertThat(mesh.find(MeshResourceType.MESH_TRAFFIC_PERMISSION, "default", "lockdown-to-demo-app")
                        .join())
                .isEmpty();
    }

    @Test
    void theGraphsUndoOfTheLockdownTakesThePanelBackToTheStart() {
        hop(1, "gateway", "demo-app");
        hop(1, "demo-app", "redis");
        feed.pulse();
        model.propose("default");
        awaitStage(LockdownViewModel.Stage.PROPOSED);
        model.apply();
        awaitStage(LockdownViewModel.Stage.APPLIED);

        // the same history the graph's Ctrl+Z moves
        history.undo().join();

        awaitStage(LockdownViewModel.Stage.IDLE);
        assertThat(model.canUndoProperty().get()).isFalse();
        assertThat(model.summaryProperty().get()).startsWith("The lock-down was undone");
        assertThat(mesh.find(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default")
                        .join())
                .isPresent();
    }
}
