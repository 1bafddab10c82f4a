package dev.gatehouse.app.meshpolicy.lockdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.kuma.KumaMeshRepository;
import dev.gatehouse.app.meshpolicy.EditHistory;
import dev.gatehouse.app.repository.mesh.DataplanePermissions;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.RunningControlPlane;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lock-down against a real control plane holding the sandbox's mesh (delegated gateway, demo-app and redis data
 * planes, mTLS on, {@code allow-all-default} as the control plane creates it): the proposal from observed pairs, the
 * replay through the engine, the safe order of applying it, and its undo. Verdicts after applying are read from the
 * control plane, not from the console's engine.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LockdownOnControlPlaneTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Pacing FAST = new Pacing(Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(5));
    private static final PolicyRef ALLOW_ALL = new PolicyRef("TrafficPermission", "allow-all-default");
    private static final List<ObservedPair> OBSERVED =
            List.of(ObservedPair.of("default", "gateway", "demo-app"), ObservedPair.of("default", "demo-app", "redis"));

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private RunningControlPlane cp;
    private KumaClient kuma;
    private RecordingMeshRepository mesh;
    private EditHistory history;

    @BeforeEach
    void start() throws Exception {
        cp = TestRuntimes.controlPlane(dir);
        kuma = TestRuntimes.kuma(cp);
        mesh = new RecordingMeshRepository(new KumaMeshRepository(kuma));
        history = new EditHistory(mesh, messages, UiExecutor.DIRECT);
        // The sandbox's data planes (app/.../sandbox/SandboxDataplanes), registered over the REST API.
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
        await().atMost(SETTLE)
                .until(() -> mesh.permissionMatrix("default").join().mtlsEnabled());
    }

    @AfterEach
    void stop() {
        kuma.close();
        cp.close();
    }

    private void put(String path, String json) throws Exception {
        kuma.put(path, (ObjectNode) JSON.readTree(json)).join();
    }

    private LockdownProposal propose(List<ObservedPair> observed) {
        return new LockdownProposer(mesh, messages).propose("default", observed).join();
    }

    private LockdownApplier applier(Clock clock, Delays delays) {
        return new LockdownApplier(history, new RolloutWait(mesh, messages, clock, delays, FAST), messages);
    }

    /** The control plane's own verdict for a pair. */
    private boolean allowed(String source, String destination) {
        return mesh.decide("default", source, destination).join().allowed();
    }

    private boolean exists(MeshResourceType type, String name) {
        return mesh.find(type, "default", name).join().isPresent();
    }

    @Test
    void proposesOneAllowPerObservedPairGroupedByDestination() {
        LockdownProposal proposal = propose(OBSERVED);

        assertThat(proposal.meshTrafficPermission()).isTrue();
        assertThat(proposal.permissions())
                .extracting(p -> p.destination() + "<-" + p.sources() + " " + p.ref())
                .containsExactly(
                        "demo-app<-[gateway] PolicyRef[type=MeshTrafficPermission, name=lockdown-to-demo-app]",
                        "redis<-[demo-app] PolicyRef[type=MeshTrafficPermission, name=lockdown-to-redis]");
        assertThat(proposal.skipped()).isEmpty();
        assertThat(proposal.allowAll()).containsExactly(ALLOW_ALL);
        assertThat(proposal.edits())
                .extracting(e -> e.kind() + " " + e.name())
                .containsExactly("PUT lockdown-to-demo-app", "PUT lockdown-to-redis", "DELETE allow-all-default");
        assertThat(proposal.proposalFor("gateway", "demo-app")).isPresent();
        assertThat(proposal.proposalFor("redis", "demo-app")).isEmpty();
        assertThat(proposal.sentence())
                .isEqualTo("2 permissions for 2 observed pairs; then TrafficPermission allow-all-default removed.");
        // The proposal writes nothing.
        assertThat(exists(MeshResourceType.MESH_TRAFFIC_PERMISSION, "lockdown-to-demo-app"))
                .isFalse();
    }

    @Test
    void pairsAlreadyAllowedDeniedOrUnnameableAreLeftOutAndSaySo() throws Exception {
        put("/meshes/default/meshtrafficpermissions/demo-app-to-redis", """
                {"type":"MeshTrafficPermission","mesh":"default","name":"demo-app-to-redis",
                 "spec":{"targetRef":{"kind":"MeshService","name":"redis"},
                  "from":[{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"demo-app"}},
                           "default":{"action":"Allow"}}]}}""");

        LockdownProposal proposal = propose(List.of(
                ObservedPair.of("default", "gateway", "demo-app"),
                ObservedPair.of("default", "demo-app", "redis"),
                ObservedPair.of("default", "web", "demo-app"),
                ObservedPair.of("default", "demo-app", "gateway"),
                new ObservedPair("default", "redis", "demo-app", 3, 3),
                ObservedPair.of("other", "redis", "demo-app")));

        assertThat(proposal.permissions())
                .extracting(p -> p.destination() + "<-" + p.sources())
                .containsExactly("demo-app<-[gateway]");
        assertThat(proposal.skipped())
                .extracting(s -> s.pair().source() + "->" + s.pair().destination() + " " + s.reason())
                .containsExactlyInAnyOrder(
                        "demo-app->redis ALREADY_ALLOWED",
                        "web->demo-app NOT_A_SERVICE",
                        "demo-app->gateway ENTRY_TRAFFIC",
                        "redis->demo-app ONLY_DENIED");
        assertThat(proposal.skipped())
                .filteredOn(s -> s.reason() == SkippedPair.Reason.ALREADY_ALLOWED)
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.policy()).contains(new PolicyRef("MeshTrafficPermission", "demo-app-to-redis"));
                    assertThat(s.sentence())
                            .isEqualTo("demo-app \u2192 redis is already allowed by MeshTrafficPermission"
                                    + " demo-app-to-redis, which stays.");
                });
        assertThat(proposal.skipped())
                .filteredOn(s -> s.reason() == SkippedPair.Reason.NOT_A_SERVICE)
                .singleElement()
                .satisfies(s -> assertThat(s.sentence())
                        .isEqualTo("web \u2192 demo-app: web is not a service of mesh default, so no permission can"
                                + " name it."));
    }

    @Test
    void aPairWhosePolicyLosesTheInboundToTheProposalJoinsIt() throws Exception {
        // gateway → redis is allowed by a TrafficPermission; a MeshTrafficPermission for redis takes redis's inbound
        // from every TrafficPermission, so the proposal for demo-app → redis must carry gateway along.
        put("/meshes/default/traffic-permissions/gateway-to-all", """
                {"type":"TrafficPermission","mesh":"default","name":"gateway-to-all",
                 "sources":[{"match":{"kuma.io/service":"gateway"}}],
                 "destinations":[{"match":{"kuma.io/service":"*"}}]}""");

        LockdownProposal proposal = propose(List.of(
                ObservedPair.of("default", "gateway", "redis"), ObservedPair.of("default", "demo-app", "redis")));

        assertThat(proposal.permissions())
                .extracting(p -> p.destination() + "<-" + p.sources())
                .containsExactly("redis<-[demo-app, gateway]");
        assertThat(proposal.skipped()).isEmpty();
        LockdownImpact impact =
                new LockdownReplay(mesh, messages).impact(proposal).join();
        assertThat(impact.keepsObservedTraffic()).isTrue();
    }

    @Test
    void replayKeepsEveryObservedPairAndNamesTheUnobservedOnesItDenies() {
        LockdownProposal proposal = propose(OBSERVED);

        LockdownImpact impact =
                new LockdownReplay(mesh, messages).impact(proposal).join();

        assertThat(impact.deniedObserved()).isEmpty();
        assertThat(impact.deniedBetween()).isEmpty();
        assertThat(impact.keepsObservedTraffic()).isTrue();
        assertThat(impact.willBeDenied())
                .extracting(p -> p.source() + "->" + p.destination())
                .contains("redis->demo-app", "demo-app->gateway")
                .doesNotContain("gateway->demo-app", "demo-app->redis");
        assertThat(impact.after().pair("redis", "demo-app").orElseThrow().allowed())
                .isFalse();
        assertThat(impact.sentence())
                .startsWith("All 2 observed pairs stay allowed. ")
                .contains("pairs not seen in the window will be denied:");
        // A replay writes nothing.
        assertThat(exists(MeshResourceType.TRAFFIC_PERMISSION, "allow-all-default"))
                .isTrue();
    }

    @Test
    void replayExplainsAnObservedPairThatADenyKeepsDenied() throws Exception {
        put("/meshes/default/meshtrafficpermissions/deny-gateway", """
                {"type":"MeshTrafficPermission","mesh":"default","name":"deny-gateway",
                 "spec":{"targetRef":{"kind":"MeshService","name":"demo-app"},
                  "from":[{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"gateway"}},
                           "default":{"action":"Deny"}}]}}""");
        // Some hops got through before the Deny was written.
        List<ObservedPair> observed = List.of(
                new ObservedPair("default", "gateway", "demo-app", 10, 4),
                ObservedPair.of("default", "demo-app", "redis"));

        LockdownProposal proposal = propose(observed);
        LockdownImpact impact =
                new LockdownReplay(mesh, messages).impact(proposal).join();

        assertThat(impact.deniedObserved()).singleElement().satisfies(d -> {
            assertThat(d.pair().source() + "->" + d.pair().destination()).isEqualTo("gateway->demo-app");
            assertThat(d.explanation())
                    .isEqualTo("gateway \u2192 demo-app is denied today already, by MeshTrafficPermission"
                            + " deny-gateway; the lock-down does not change that.");
        });
        assertThat(impact.sentence()).contains("1 observed pair would be denied: gateway \u2192 demo-app.");
        // Explained and denied today already: the lock-down loses no traffic, so it may be applied.
        assertThat(impact.deniedObserved()).noneMatch(DeniedPair::lost);
        assertThat(impact.keepsObservedTraffic()).isTrue();
    }

    @Test
    void appliesInSafeOrderAndOneUndoRestoresThePreviousPolicies() {
        LockdownProposal proposal = propose(OBSERVED);
        // Whenever inspection shows a new permission, allow-all must still be there.
        List<String> seenWithAllowAll = new CopyOnWriteArrayList<>();
        mesh.onInspected(answer -> CompletableFuture.allOf(answer.inbounds().stream()
                .flatMap(in -> in.policies().stream())
                .filter(p -> p.name().startsWith("lockdown-to-"))
                .map(p -> mesh.find(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default")
                        .thenAccept(allowAll -> seenWithAllowAll.add(p.name() + " allow-all " + allowAll.isPresent())))
                .toArray(CompletableFuture[]::new)));
        assertThat(allowed("redis", "demo-app")).isTrue();

        Rollout rollout =
                applier(Clock.systemUTC(), Delays.REAL).apply(proposal).join();

        assertThat(rollout.inspected()).isTrue();
        assertThat(rollout.dataplanes()).containsExactly("demo-app-1", "redis-1");
        assertThat(rollout.sentence())
                .isEqualTo("Inspection showed the new permissions on data planes demo-app-1, redis-1 before allow-all"
                        + " was removed.");
        List<String> writes =
                mesh.log.stream().filter(l -> !l.startsWith("INSPECT")).toList();
        assertThat(writes)
                .containsExactly(
                        "PUT MeshTrafficPermission lockdown-to-demo-app",
                        "PUT MeshTrafficPermission lockdown-to-redis",
                        "DELETE TrafficPermission allow-all-default");
        int removal = mesh.log.indexOf("DELETE TrafficPermission allow-all-default");
        assertThat(mesh.log.subList(0, removal)).contains("INSPECT demo-app-1", "INSPECT redis-1");
        assertThat(mesh.log.subList(removal, mesh.log.size())).doesNotContain("INSPECT demo-app-1");
        assertThat(seenWithAllowAll)
                .contains("lockdown-to-demo-app allow-all true", "lockdown-to-redis allow-all true")
                .allMatch(s -> s.endsWith("true"));

        assertThat(exists(MeshResourceType.TRAFFIC_PERMISSION, "allow-all-default"))
                .isFalse();
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(allowed("redis", "demo-app")).isFalse();
            assertThat(allowed("demo-app", "redis")).isTrue();
            assertThat(allowed("gateway", "demo-app")).isTrue();
        });
        assertThat(history.undoDescription())
                .contains("Locked mesh default down to its observed traffic (2 permissions; removed"
                        + " TrafficPermission allow-all-default)");

        history.undo().join();

        assertThat(exists(MeshResourceType.TRAFFIC_PERMISSION, "allow-all-default"))
                .isTrue();
        assertThat(exists(MeshResourceType.MESH_TRAFFIC_PERMISSION, "lockdown-to-demo-app"))
                .isFalse();
        assertThat(exists(MeshResourceType.MESH_TRAFFIC_PERMISSION, "lockdown-to-redis"))
                .isFalse();
        List<String> undoWrites =
                mesh.log.stream().filter(l -> !l.startsWith("INSPECT")).skip(3).toList();
        assertThat(undoWrites)
                .containsExactly(
                        "PUT TrafficPermission allow-all-default",
                        "DELETE MeshTrafficPermission lockdown-to-redis",
                        "DELETE MeshTrafficPermission lockdown-to-demo-app");
        await().atMost(SETTLE)
                .untilAsserted(() -> assertThat(allowed("redis", "demo-app")).isTrue());
    }

    @Test
    void redoWaitsForTheDataPlanesAgainBeforeRemovingAllowAll() {
        LockdownProposal proposal = propose(OBSERVED);
        applier(Clock.systemUTC(), Delays.REAL).apply(proposal).join();
        history.undo().join();
        mesh.log.clear();

        history.redo().join();

        assertThat(mesh.log.stream().filter(l -> !l.startsWith("INSPECT")))
                .containsExactly(
                        "PUT MeshTrafficPermission lockdown-to-demo-app",
                        "PUT MeshTrafficPermission lockdown-to-redis",
                        "DELETE TrafficPermission allow-all-default");
        int removal = mesh.log.indexOf("DELETE TrafficPermission allow-all-default");
        assertThat(mesh.log.subList(mesh.log.indexOf("PUT MeshTrafficPermission lockdown-to-redis"), removal))
                .contains("INSPECT demo-app-1", "INSPECT redis-1");
        assertThat(exists(MeshResourceType.TRAFFIC_PERMISSION, "allow-all-default"))
                .isFalse();
    }

    /** Applies on the real clock with delays that pass at once, each recorded in {@code waits}. */
    private Rollout applyRecordingDelays(LockdownProposal proposal, List<Duration> waits) {
        Delays recorded = delay -> {
            waits.add(delay);
            return CompletableFuture.completedFuture(null);
        };
        return applier(Clock.systemUTC(), recorded).apply(proposal).join();
    }

    @Test
    void permissionsTheConsoleComputedItselfAreNoWordFromTheDataPlanesSoItWaitsTheSettleTime() {
        LockdownProposal proposal = propose(OBSERVED);
        // As a Kubernetes connection without the control plane's API answers: the engine's view of the new policies.
        mesh.inspection((m, dp) -> new KumaMeshRepository(kuma)
                .permissions(m, dp)
                .thenApply(answer -> new DataplanePermissions(
                        answer.mesh(), answer.dataplane(), answer.mtlsEnabled(), answer.inbounds(), false)));
        List<Duration> waits = new CopyOnWriteArrayList<>();

        Rollout rollout = applyRecordingDelays(proposal, waits);

        assertThat(rollout.inspected()).isFalse();
        assertThat(waits).containsExactly(FAST.settle());
        assertThat(exists(MeshResourceType.TRAFFIC_PERMISSION, "allow-all-default"))
                .isFalse();
    }

    @Test
    void withoutInspectionItWaitsTheSettleTimeAndSaysSo() {
        LockdownProposal proposal = propose(OBSERVED);
        mesh.inspection((m, dp) -> CompletableFuture.failedFuture(new MeshException(404, "Not Found", Map.of())));
        List<Duration> waits = new CopyOnWriteArrayList<>();

        Rollout rollout = applyRecordingDelays(proposal, waits);

        assertThat(rollout.inspected()).isFalse();
        assertThat(waits).containsExactly(FAST.settle());
        assertThat(rollout.sentence())
                .isEqualTo("The control plane offers no permission inspection, so the console waited 5 s (Kuma"
                        + " refreshes data plane configuration every second) before removing allow-all.");
        assertThat(exists(MeshResourceType.TRAFFIC_PERMISSION, "allow-all-default"))
                .isFalse();
    }

    @Test
    void aDataPlaneThatNeverShowsThePermissionKeepsAllowAllAndTakesThePermissionsBack() {
        LockdownProposal proposal = propose(OBSERVED);
        // Inspection as the control plane answers it, minus the new permissions: they never arrive.
        mesh.inspection((m, dp) -> new KumaMeshRepository(kuma)
                .permissions(m, dp)
                .thenApply(answer -> new DataplanePermissions(
                        answer.mesh(),
                        answer.dataplane(),
                        answer.mtlsEnabled(),
                        answer.inbounds().stream()
                                .map(in -> new DataplanePermissions.Inbound(
                                        in.port(),
                                        in.tags(),
                                        in.mode(),
                                        in.policies().stream()
                                                .filter(p -> !p.name().startsWith("lockdown-to-"))
                                                .toList(),
                                        in.rules(),
                                        in.clients()))
                                .toList(),
                        answer.inspected())));
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T12:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        Delays moving = delay -> {
            now.updateAndGet(t -> t.plus(delay));
            return CompletableFuture.completedFuture(null);
        };

        assertThatThrownBy(() -> applier(clock, moving).apply(proposal).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(RolloutTimeoutException.class)
                .hasMessage("Data plane demo-app-1 did not show MeshTrafficPermission lockdown-to-demo-app within 10"
                        + " s: allow-all was kept and the new permissions were taken back.");

        assertThat(exists(MeshResourceType.TRAFFIC_PERMISSION, "allow-all-default"))
                .isTrue();
        assertThat(exists(MeshResourceType.MESH_TRAFFIC_PERMISSION, "lockdown-to-demo-app"))
                .isFalse();
        assertThat(exists(MeshResourceType.MESH_TRAFFIC_PERMISSION, "lockdown-to-redis"))
                .isFalse();
        assertThat(history.canUndo()).isFalse();
        assertThat(mesh.log).doesNotContain("DELETE TrafficPermission allow-all-default");
    }
}
