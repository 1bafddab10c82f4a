package dev.gatehouse.app.pages.topology;

import static dev.gatehouse.app.pages.topology.TopologyFixtures.matrix;
import static dev.gatehouse.app.pages.topology.TopologyFixtures.seedGateway;
import static dev.gatehouse.app.pages.topology.TopologyFixtures.seedMesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.repository.mesh.ServiceAccess.Access;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopologyBuilderTest {

    private static final List<String> SEED = List.of("demo-app", "gateway", "redis");

    /** The walkthrough's end state: gateway → demo-app and demo-app → redis allowed, everything else denied. */
    private static Access zeroTrust(String s, String d) {
        return s.equals("gateway") && d.equals("demo-app") || s.equals("demo-app") && d.equals("redis")
                ? Access.ALLOWED
                : Access.DENIED;
    }

    @Test
    void theSeedPlatformIsOnePicture() {
        TopologyGraph graph = TopologyBuilder.build(
                new TopologySources(
                        Optional.of(seedGateway()),
                        List.of(seedMesh(matrix("default", true, SEED, TopologyBuilderTest::zeroTrust)))),
                GraphOptions.DEFAULTS);

        assertThat(graph.nodes())
                .extracting(TopologyNode::id)
                .containsExactly(
                        "client:anonymous",
                        "client:c1",
                        "svc:default/gateway",
                        "svc:default/demo-app",
                        "svc:default/redis",
                        "ext:httpbin.org");
        TopologyNode gateway = graph.node("svc:default/gateway").orElseThrow();
        assertThat(gateway.kind())
                .as("the delegated gateway data plane is the gateway")
                .isEqualTo(NodeKind.GATEWAY);
        TopologyNode demo = graph.node("svc:default/demo-app").orElseThrow();
        assertThat(demo.instances()).isEqualTo(2);
        assertThat(demo.online()).isEqualTo(1);
        assertThat(demo.mtls()).isTrue();
        assertThat(demo.dataplanes().get(0).certificateExpiry()).contains("2026-12-04T10:00:00Z");

        // North-south: the open route lets anonymous callers in; each route is labelled with its protection.
        assertThat(graph.edge("ns:client:anonymous->svc:default/gateway")
                        .orElseThrow()
                        .routes())
                .containsExactly(new RouteLink("bin-rt", false));
        assertThat(graph.edge("ns:svc:default/gateway->svc:default/demo-app")
                        .orElseThrow()
                        .routes())
                .containsExactly(new RouteLink("demo-rt", true));
        assertThat(graph.edge("ns:svc:default/gateway->ext:httpbin.org")).isPresent();
        assertThat(graph.edge("ns:client:c1->svc:default/gateway")).isPresent();

        // East-west: only the two allowed pairs, denied ones stay hidden until asked for.
        assertThat(graph.edges().stream().filter(e -> e.kind() == EdgeKind.EAST_WEST))
                .extracting(TopologyEdge::id)
                .containsExactlyInAnyOrder(
                        "ew:svc:default/gateway->svc:default/demo-app", "ew:svc:default/demo-app->svc:default/redis");
        assertThat(graph.meshes().get(0).source())
                .contains(dev.gatehouse.app.repository.mesh.PermissionMatrix.Source.CONTROL_PLANE);
    }

    @Test
    void deniedPairsAppearWhenAskedFor() {
        TopologyGraph graph = TopologyBuilder.build(
                new TopologySources(
                        Optional.empty(),
                        List.of(seedMesh(matrix("default", true, SEED, TopologyBuilderTest::zeroTrust)))),
                GraphOptions.DEFAULTS.withShowDenied(true));

        assertThat(graph.edges()).hasSize(6);
        assertThat(graph.edge("ew:svc:default/redis->svc:default/gateway")
                        .orElseThrow()
                        .accessOrNull())
                .isEqualTo(Access.DENIED);
        assertThat(graph.nodes()).extracting(TopologyNode::kind).doesNotContain(NodeKind.CLIENT, NodeKind.ANONYMOUS);
    }

    @Test
    void aFewAllowAllPairsAreDrawnAndManyAreSaidInsteadUntilTheUserAsks() {
        TopologyGraph seed = TopologyBuilder.build(
                new TopologySources(
                        Optional.empty(),
                        List.of(seedMesh(matrix("default", true, SEED, (s, d) -> Access.ALLOWED_BY_ALLOW_ALL)))),
                GraphOptions.DEFAULTS);
        assertThat(seed.edges()).hasSize(6).allMatch(e -> e.accessOrNull() == Access.ALLOWED_BY_ALLOW_ALL);
        assertThat(seed.meshes().get(0).wholesaleHidden()).isFalse();

        List<String> many = IntStream.range(0, 40).mapToObj(i -> "svc-" + i).toList();
        MeshSnapshot big = new MeshSnapshot(
                TopologyFixtures.mesh("big", true),
                List.of(),
                Optional.of(matrix(
                        "big",
                        true,
                        many,
                        (s, d) ->
                                s.equals("svc-0") && d.equals("svc-1") ? Access.ALLOWED : Access.ALLOWED_BY_ALLOW_ALL)),
                Optional.empty());
        TopologyGraph collapsed =
                TopologyBuilder.build(new TopologySources(Optional.empty(), List.of(big)), GraphOptions.DEFAULTS);
        assertThat(collapsed.nodes()).hasSize(40);
        assertThat(collapsed.edges())
                .as("the explicit permission stays; 1,559 identical allow-all edges do not bury it")
                .extracting(TopologyEdge::id)
                .containsExactly("ew:svc:big/svc-0->svc:big/svc-1");
        MeshSummary summary = collapsed.meshes().get(0);
        assertThat(summary.wholesale()).isEqualTo(40 * 39 - 1);
        assertThat(summary.wholesaleHidden()).isTrue();

        TopologyGraph expanded = TopologyBuilder.build(
                new TopologySources(Optional.empty(), List.of(big)), GraphOptions.DEFAULTS.withShowWholesale(true));
        assertThat(expanded.edges()).hasSize(40 * 39);
        assertThat(expanded.meshes().get(0).wholesaleHidden()).isFalse();
    }

    @Test
    void withMtlsOffNothingIsEnforcedAndTheMeshSaysSo() {
        TopologyGraph graph = TopologyBuilder.build(
                new TopologySources(
                        Optional.empty(),
                        List.of(seedMesh(matrix("default", false, SEED, (s, d) -> Access.NOT_ENFORCED)))),
                GraphOptions.DEFAULTS);
        MeshSummary mesh = graph.meshes().get(0);
        assertThat(mesh.mtls()).isFalse();
        assertThat(mesh.notEnforced()).isTrue();
        assertThat(mesh.wholesale()).isEqualTo(6);
        assertThat(graph.edges()).allMatch(e -> e.accessOrNull() == Access.NOT_ENFORCED);
        assertThat(graph.node("svc:default/redis").orElseThrow().mtls()).isFalse();
    }

    @Test
    void aMeshWithoutMatrixIsDrawnWithoutEastWestEdgesAndSaysWhy() {
        MeshSnapshot noMatrix = new MeshSnapshot(
                TopologyFixtures.mesh("default", true),
                List.of(TopologyFixtures.dataplane("default", "redis-1", "redis", true, null)),
                Optional.empty(),
                Optional.of("not supported"));
        TopologyGraph graph = TopologyBuilder.build(
                new TopologySources(Optional.of(seedGateway()), List.of(noMatrix)), GraphOptions.DEFAULTS);
        assertThat(graph.meshes().get(0).problem()).contains("not supported");
        assertThat(graph.edges()).noneMatch(e -> e.kind() == EdgeKind.EAST_WEST);
        // No gateway data plane in the mesh: Kong is its own vertex, and demo-app.mesh (no data plane) is outside.
        assertThat(graph.node(TopologyBuilder.KONG_ID).orElseThrow().label()).isEqualTo("Kong");
        assertThat(graph.node("ext:demo-app.mesh")).isPresent();
    }
}
