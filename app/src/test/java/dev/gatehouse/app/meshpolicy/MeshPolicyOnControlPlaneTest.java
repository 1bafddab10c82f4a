package dev.gatehouse.app.meshpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.kuma.KumaMeshRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.RunningControlPlane;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Impact, removal with narrowing, and what-if against a real control plane holding the seed's mesh (the delegated
 * gateway, demo-app and redis data planes, allow-all-default): every expectation is read back from the control
 * plane's permission matrix after the change is applied.
 */
class MeshPolicyOnControlPlaneTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private RunningControlPlane cp;
    private KumaClient kuma;
    private MeshRepository mesh;
    private EditHistory history;
    private PolicyChanges changes;

    @BeforeEach
    void start() throws Exception {
        cp = TestRuntimes.controlPlane(dir);
        kuma = TestRuntimes.kuma(cp);
        mesh = new KumaMeshRepository(kuma);
        history = new EditHistory(mesh, messages, UiExecutor.DIRECT);
        changes = new PolicyChanges(messages);
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
    }

    @AfterEach
    void stop() {
        kuma.close();
        cp.close();
    }

    private void put(String path, String json) throws Exception {
        kuma.put(path, (ObjectNode) JSON.readTree(json)).join();
    }

    private void enableMtls() throws Exception {
        ObjectNode meshResource = (ObjectNode) JSON.readTree("""
                {"type":"Mesh","name":"default",
                 "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}}""");
        history.apply(changes.mesh(meshResource)).join();
        await().atMost(SETTLE)
                .until(() -> mesh.permissionMatrix("default").join().mtlsEnabled());
    }

    /** The allowed pairs of the control plane's matrix, as "a->b". */
    private Set<String> allowedPairs() {
        PermissionMatrix matrix = mesh.permissionMatrix("default").join();
        Set<String> allowed = new TreeSet<>();
        matrix.pairs().stream()
                .filter(ServiceAccess::allowed)
                .forEach(p -> allowed.add(p.source() + "->" + p.destination()));
        return allowed;
    }

    @Test
    void deletingAllowAllWithMtlsOnNamesThePairsThatLoseAccess() throws Exception {
        enableMtls();
        PolicyChange deleteAllowAll =
                changes.delete(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default");

        PermissionImpact impact = new ImpactPreview(mesh, messages)
                .of("default", deleteAllowAll.edits())
                .join();

        assertThat(impact.newlyDenied())
                .extracting(p -> p.source() + "->" + p.destination())
                .contains("gateway->demo-app", "demo-app->redis");
        assertThat(impact.newlyAllowed()).isEmpty();
        assertThat(impact.sentence()).contains("gateway \u2192 demo-app").contains("demo-app \u2192 redis");
        // A preview writes nothing.
        assertThat(mesh.find(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default")
                        .join())
                .isPresent();
    }

    @Test
    void removingOnePairOfAllowAllNarrowsItAndKeepsEveryOtherPair() throws Exception {
        enableMtls();
        Set<String> before = allowedPairs();
        assertThat(before).contains("demo-app->redis", "gateway->demo-app");

        RemovalPlan plan = new PermissionRemoval(mesh, messages)
                .plan("default", "demo-app", "redis")
                .join();

        assertThat(plan.policy()).contains(new PolicyRef("TrafficPermission", "allow-all-default"));
        assertThat(plan.coversOnlyThePair()).isFalse();
        assertThat(plan.otherPairs()).extracting(ServiceAccess::destination).contains("demo-app");
        assertThat(plan.sentence())
                .contains("TrafficPermission allow-all-default also allows 5 other pairs")
                .contains("add MeshTrafficPermission allow-all-default-except-demo-app-to-redis");
        assertThat(plan.delete().orElseThrow().impact().newlyDenied()).hasSizeGreaterThan(1);
        RemovalPlan.Option narrow = plan.narrow().orElseThrow();

        history.apply(narrow.change()).join();
        Set<String> expected = new TreeSet<>(before);
        expected.remove("demo-app->redis");
        await().atMost(SETTLE).untilAsserted(() -> assertThat(allowedPairs()).isEqualTo(expected));

        history.undo().join();
        await().atMost(SETTLE).untilAsserted(() -> assertThat(allowedPairs()).isEqualTo(before));
    }

    @Test
    void removingAPermissionThatCoversOnlyThePairDeletesIt() throws Exception {
        enableMtls();
        history.apply(changes.delete(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default"))
                .join();
        history.apply(changes.allow("default", "gateway", "demo-app", true)).join();
        await().atMost(SETTLE).untilAsserted(() -> assertThat(allowedPairs()).contains("gateway->demo-app"));

        RemovalPlan plan = new PermissionRemoval(mesh, messages)
                .plan("default", "gateway", "demo-app")
                .join();

        assertThat(plan.coversOnlyThePair()).isTrue();
        assertThat(plan.narrow()).isEmpty();
        assertThat(plan.sentence())
                .isEqualTo("Deleting MeshTrafficPermission allow-gateway-to-demo-app removes gateway \u2192 demo-app;"
                        + " it allows nothing else.");
        RemovalPlan.Option delete = plan.delete().orElseThrow();
        assertThat(delete.impact().newlyDenied())
                .extracting(p -> p.source() + "->" + p.destination())
                .containsExactly("gateway->demo-app");
    }

    @Test
    void deletingASpecificPolicyUnderAllowAllSaysThePairStaysAllowed() throws Exception {
        enableMtls();
        history.apply(changes.allow("default", "gateway", "demo-app", true)).join();

        RemovalPlan plan = new PermissionRemoval(mesh, messages)
                .plan("default", "gateway", "demo-app")
                .join();

        assertThat(plan.policy()).contains(new PolicyRef("MeshTrafficPermission", "allow-gateway-to-demo-app"));
        assertThat(plan.sentence())
                .contains(
                        "After that, gateway \u2192 demo-app is still allowed by TrafficPermission allow-all-default.");
    }

    @Test
    void whatIfForAnUnrelatedPairSaysDeniedAndWhy() throws Exception {
        enableMtls();
        history.apply(changes.delete(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default"))
                .join();
        history.apply(changes.allow("default", "gateway", "demo-app", true)).join();
        WhatIf whatIf = new WhatIf(mesh, messages);

        await().atMost(SETTLE).untilAsserted(() -> {
            WhatIfAnswer allowed = whatIf.ask("default", "gateway", "demo-app").join();
            assertThat(allowed.allowed()).isTrue();
            assertThat(allowed.sentence()).startsWith("allowed by MeshTrafficPermission allow-gateway-to-demo-app");
        });
        WhatIfAnswer denied = whatIf.ask("default", "redis", "demo-app").join();
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.sentence()).isEqualTo("denied: no policy allows redis \u2192 demo-app while mTLS is on");
    }

    @Test
    void nothingIsRemovedWhileMtlsIsOff() {
        RemovalPlan plan = new PermissionRemoval(mesh, messages)
                .plan("default", "demo-app", "redis")
                .join();
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.narrow()).isEmpty();
        assertThat(plan.sentence()).startsWith("mTLS is off in mesh default");
    }

    @Test
    void denyingOnePairOfAllowAllKeepsTheDestinationsOtherClients() throws Exception {
        enableMtls();
        Set<String> before = allowedPairs();

        DenyPlan plan = new PermissionRemoval(mesh, messages)
                .planDeny("default", "gateway", "redis")
                .join();

        // A Deny MTP alone would take redis's inbound from allow-all-default and deny demo-app too.
        assertThat(plan.sentence()).startsWith("A Deny alone would take the destination from TrafficPermission");
        PolicyChange deny = plan.deny().orElseThrow().change();
        assertThat(deny.description())
                .isEqualTo("Denied gateway \u2192 redis"
                        + " (MeshTrafficPermission allow-all-default-except-gateway-to-redis)");
        history.apply(deny).join();
        Set<String> expected = new TreeSet<>(before);
        expected.remove("gateway->redis");
        await().atMost(SETTLE).untilAsserted(() -> assertThat(allowedPairs()).isEqualTo(expected));
    }

    @Test
    void aDenyThatWouldLoseToAnAllowOfTheSameKindIsNotOffered() throws Exception {
        enableMtls();
        history.apply(changes.delete(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default"))
                .join();
        history.apply(changes.allow("default", "gateway", "demo-app", true)).join();

        DenyPlan plan = new PermissionRemoval(mesh, messages)
                .planDeny("default", "gateway", "demo-app")
                .join();

        // Both target MeshSubset demo-app; on a tie Kuma applies the alphabetically first name last (sort.go), so
        // allow-gateway-to-demo-app beats deny-gateway-to-demo-app.
        assertThat(plan.deny()).isEmpty();
        assertThat(plan.sentence())
                .isEqualTo("A Deny would not stop gateway \u2192 demo-app: MeshTrafficPermission"
                        + " allow-gateway-to-demo-app decides it with the same precedence and wins; remove that"
                        + " permission instead.");
    }

    @Test
    void underAMeshWideAllowADenyIsExact() throws Exception {
        enableMtls();
        put("/meshes/default/meshtrafficpermissions/allow-everyone", """
                {"type":"MeshTrafficPermission","mesh":"default","name":"allow-everyone",
                 "spec":{"targetRef":{"kind":"Mesh"},
                  "from":[{"targetRef":{"kind":"Mesh"},"default":{"action":"Allow"}}]}}""");

        DenyPlan plan = new PermissionRemoval(mesh, messages)
                .planDeny("default", "redis", "demo-app")
                .join();

        assertThat(plan.sentence())
                .isEqualTo("A MeshTrafficPermission Deny stops redis \u2192 demo-app and changes nothing else.");
        assertThat(plan.deny().orElseThrow().impact().newlyDenied())
                .extracting(p -> p.source() + "->" + p.destination())
                .containsExactly("redis->demo-app");
    }
}
