package dev.gatehouse.app.pages.topology;

import static dev.gatehouse.app.pages.topology.TopologyFixtures.matrix;
import static dev.gatehouse.app.pages.topology.TopologyFixtures.seedGateway;
import static dev.gatehouse.app.pages.topology.TopologyFixtures.seedMesh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.app.repository.mesh.ServiceAccess.Access;
import dev.gatehouse.app.traffic.DeflatedJson;
import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.edges.EdgeTraffic;
import dev.gatehouse.app.traffic.edges.TrafficEdge;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Live traffic lands on the edges the topology graph draws: same ids, from the built seed graph. */
class TopologyTrafficTest {

    private static final List<String> SEED = List.of("demo-app", "gateway", "redis");

    private static TrafficEvent request(String consumer, String host) {
        var details = JsonNodeFactory.instance.objectNode();
        details.putObject("latencies").put("proxy", 3);
        return new TrafficEvent(
                1,
                System.nanoTime(),
                Origin.GATEWAY,
                Instant.now(),
                "",
                consumer,
                "demo",
                "demo-rt",
                consumer,
                "GET",
                "/",
                200,
                Outcome.SUCCESS,
                5,
                "",
                host,
                "",
                "",
                "",
                DeflatedJson.of(details));
    }

    private static TrafficEvent hop(String from, String to) {
        return new TrafficEvent(
                1,
                System.nanoTime(),
                Origin.MESH,
                Instant.now(),
                "default",
                from,
                to,
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
                "",
                DeflatedJson.of(JsonNodeFactory.instance.objectNode()));
    }

    @Test
    void eventsOfTheSeedMapOntoTheDrawnEdges() {
        TopologyGraph graph = TopologyBuilder.build(
                new TopologySources(
                        Optional.of(seedGateway()),
                        List.of(seedMesh(matrix("default", true, SEED, (s, d) -> Access.ALLOWED)))),
                GraphOptions.DEFAULTS);
        Set<String> drawn = graph.edges().stream().map(TopologyEdge::id).collect(Collectors.toSet());
        EdgeTraffic traffic = new EdgeTraffic(System::nanoTime);
        traffic.graph(graph.traffic());
        List<TrafficEvent> events = List.of(
                request("alice", "demo-app.mesh"),
                request("c1", "demo-app.mesh"),
                request("", "httpbin.org"),
                hop("gateway", "demo-app"),
                hop("demo-app", "redis"));
        for (TrafficEvent e : events) {
            assertThat(traffic.record(e).edges())
                    .as(e.toString())
                    .isNotEmpty()
                    .extracting(TrafficEdge::id)
                    .allSatisfy(id -> assertThat(drawn).contains(id));
        }
        assertThat(graph.traffic().plainMeshes()).isEmpty();
    }

    @Test
    void aMeshWithoutMtlsIsKnownAsSuch() {
        TopologyGraph graph = TopologyBuilder.build(
                new TopologySources(
                        Optional.of(seedGateway()),
                        List.of(seedMesh(matrix("default", false, SEED, (s, d) -> Access.NOT_ENFORCED)))),
                GraphOptions.DEFAULTS);
        assertThat(graph.traffic().plainMeshes()).containsExactly("default");
        assertThat(graph.traffic().gateway()).isEqualTo("svc:default/gateway");
    }
}
