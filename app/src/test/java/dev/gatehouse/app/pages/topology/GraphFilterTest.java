package dev.gatehouse.app.pages.topology;

import static dev.gatehouse.app.pages.topology.TopologyFixtures.matrix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.repository.mesh.ServiceAccess.Access;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GraphFilterTest {

    private final TopologyGraph graph = TopologyBuilder.build(
            new TopologySources(
                    Optional.of(TopologyFixtures.seedGateway()),
                    List.of(
                            TopologyFixtures.seedMesh(matrix(
                                    "default",
                                    true,
                                    List.of("demo-app", "gateway", "redis"),
                                    (s, d) -> s.equals("gateway") && d.equals("demo-app")
                                            ? Access.ALLOWED
                                            : Access.DENIED)),
                            new MeshSnapshot(
                                    TopologyFixtures.mesh("other", true),
                                    List.of(TopologyFixtures.dataplane("other", "web-1", "web", true, null)),
                                    Optional.empty(),
                                    Optional.empty()))),
            GraphOptions.DEFAULTS);

    @Test
    void oneMeshKeepsCallersTheGatewayAndExternalHosts() {
        GraphFilter.Shown shown = new GraphFilter("other", "", false).apply(graph);
        assertThat(shown.nodes())
                .contains("svc:other/web", "client:anonymous", "svc:default/gateway", "ext:httpbin.org")
                .doesNotContain("svc:default/redis", "svc:default/demo-app");
        assertThat(shown.edges()).noneMatch(id -> id.contains("demo-app"));
    }

    @Test
    void oneServiceShowsItsNeighbours() {
        GraphFilter.Shown shown = new GraphFilter("", "svc:default/demo-app", false).apply(graph);
        assertThat(shown.nodes()).containsExactlyInAnyOrder("svc:default/demo-app", "svc:default/gateway");
        assertThat(shown.edges())
                .containsExactlyInAnyOrder(
                        "ew:svc:default/gateway->svc:default/demo-app", "ns:svc:default/gateway->svc:default/demo-app");
    }

    @Test
    void hidingUnconnectedDropsVerticesWithoutShownEdges() {
        GraphFilter.Shown shown = new GraphFilter("", "", true).apply(graph);
        assertThat(shown.nodes())
                .doesNotContain("svc:default/redis", "svc:other/web")
                .contains("svc:default/demo-app");
    }

    @Test
    void searchMatchesNamesIgnoringCase() {
        assertThat(GraphFilter.matches(graph, "REDIS")).containsExactly("svc:default/redis");
        assertThat(GraphFilter.matches(graph, "  ")).isEmpty();
    }
}
