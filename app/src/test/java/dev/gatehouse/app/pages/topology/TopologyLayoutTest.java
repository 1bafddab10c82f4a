package dev.gatehouse.app.pages.topology;

import static dev.gatehouse.app.pages.topology.TopologyFixtures.matrix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.repository.mesh.ServiceAccess.Access;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopologyLayoutTest {

    private static TopologyGraph seed() {
        return TopologyBuilder.build(
                new TopologySources(
                        Optional.of(TopologyFixtures.seedGateway()),
                        List.of(TopologyFixtures.seedMesh(matrix(
                                "default", true, List.of("demo-app", "gateway", "redis"), (s, d) -> Access.ALLOWED)))),
                GraphOptions.DEFAULTS);
    }

    @Test
    void callersLeftOfTheGatewayServicesToItsRightExternalHostsBeyond() {
        TopologyGraph graph = seed();
        Map<String, Point> at = TopologyLayout.compute(graph, Map.of());
        assertThat(at.keySet()).containsExactlyInAnyOrderElementsOf(graph.byId().keySet());
        double gatewayX = at.get("svc:default/gateway").x();
        assertThat(at.get("client:anonymous").x()).isLessThan(gatewayX);
        assertThat(at.get("client:c1").x()).isLessThan(gatewayX);
        assertThat(at.get("svc:default/demo-app").x()).isGreaterThan(gatewayX);
        assertThat(at.get("svc:default/redis").x()).isGreaterThan(gatewayX);
        assertThat(at.get("ext:httpbin.org").x())
                .isGreaterThan(at.get("svc:default/redis").x());
        // Vertices do not sit on top of each other: no two boxes overlap (the gateway and demo-app did, hiding
        // the edge between them, seen on the seed's screenshot).
        assertNoBoxesOverlap(at);
    }

    private static void assertNoBoxesOverlap(Map<String, Point> at) {
        List<Map.Entry<String, Point>> points = List.copyOf(at.entrySet());
        for (int i = 0; i < points.size(); i++) {
            for (int j = i + 1; j < points.size(); j++) {
                Point a = points.get(i).getValue();
                Point b = points.get(j).getValue();
                assertThat(Math.abs(a.x() - b.x()) >= NodeView.WIDTH || Math.abs(a.y() - b.y()) >= NodeView.HEIGHT)
                        .as(points.get(i).getKey() + " at " + a + " overlaps "
                                + points.get(j).getKey() + " at " + b)
                        .isTrue();
            }
        }
    }

    @Test
    void knownPositionsStayAndOnlyNewVerticesArePlaced() {
        TopologyGraph graph = seed();
        Map<String, Point> first = TopologyLayout.compute(graph, Map.of());
        Map<String, Point> known = new HashMap<>(first);
        known.put("svc:default/redis", new Point(999, 888));
        known.remove("svc:default/demo-app");
        Map<String, Point> again = TopologyLayout.compute(graph, known);
        assertThat(again.get("svc:default/redis")).isEqualTo(new Point(999, 888));
        assertThat(again.get("client:c1")).isEqualTo(first.get("client:c1"));
        assertThat(again.get("svc:default/gateway")).isEqualTo(first.get("svc:default/gateway"));
        assertThat(again).containsKey("svc:default/demo-app");
    }

    @Test
    void fiveHundredServicesAreAllPlacedInsideTheirSquare() {
        List<String> services =
                IntStream.range(0, 500).mapToObj(i -> "svc-" + i).toList();
        TopologyGraph graph = TopologyBuilder.build(
                new TopologySources(
                        Optional.empty(),
                        List.of(new MeshSnapshot(
                                TopologyFixtures.mesh("big", true),
                                List.of(),
                                Optional.of(matrix(
                                        "big",
                                        true,
                                        services,
                                        (s, d) -> (s.hashCode() * 31 + d.hashCode()) % 125 == 0
                                                ? Access.ALLOWED
                                                : Access.DENIED)),
                                Optional.empty()))),
                GraphOptions.DEFAULTS);
        Map<String, Point> at = TopologyLayout.compute(graph, Map.of());
        assertThat(at).hasSize(500);
        assertThat(at.values()).allMatch(p -> Double.isFinite(p.x()) && Double.isFinite(p.y()) && p.x() >= 0);
    }

    @Test
    void aGeneratedPlatformWithGatewayConsumersAndRoutesIsPlaced() {
        TopologyGraph graph = TopologyBuilder.build(GeneratedPlatform.of(200, 260, 7), GraphOptions.DEFAULTS);
        Map<String, Point> at = TopologyLayout.compute(graph, Map.of());
        assertThat(at).hasSize(graph.nodes().size());
    }

    @Test
    void theCallerColumnIsPlacedAsAWholeUnlessPinned() {
        TopologyGraph graph = seed();
        // Anonymous was placed before the consumers arrived, for a square of another size.
        Map<String, Point> known = Map.of("client:anonymous", new Point(0, 200));
        Map<String, Point> at = TopologyLayout.compute(graph, known, java.util.Set.of());
        assertThat(Math.abs(at.get("client:anonymous").y() - at.get("client:c1").y()))
                .isGreaterThanOrEqualTo(TopologyLayout.ROW);
        Map<String, Point> pinned = TopologyLayout.compute(graph, known, java.util.Set.of("client:anonymous"));
        assertThat(pinned.get("client:anonymous")).isEqualTo(new Point(0, 200));
    }
}
