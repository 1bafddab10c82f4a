package dev.gatehouse.app.traffic.edges;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.traffic.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A gateway request's particle path on through the mesh hops linked to it. */
class TrafficPathTest {

    private static final String ALICE = "client:c-alice";
    private static final String GATEWAY = "svc:default/gateway";
    private static final String DEMO = "svc:default/demo-app";
    private static final String REDIS = "svc:default/redis";

    private static final TrafficEdge IN = TrafficEdge.northSouth(ALICE, GATEWAY);
    private static final TrafficEdge UPSTREAM = TrafficEdge.northSouth(GATEWAY, DEMO);
    private static final TrafficEdge GATEWAY_DEMO = TrafficEdge.eastWest(GATEWAY, DEMO);
    private static final TrafficEdge DEMO_REDIS = TrafficEdge.eastWest(DEMO, REDIS);

    private static TrafficPath request(Outcome outcome) {
        return new TrafficPath(7, 100, outcome, List.of(IN, UPSTREAM));
    }

    private static TrafficPath hop(TrafficEdge edge, Outcome outcome) {
        return new TrafficPath(1, 90, outcome, List.of(edge));
    }

    @Test
    void aLinkedRequestTravelsOnThroughItsHopsInOrderEachInItsOwnOutcome() {
        List<TrafficPath> unplaced = new ArrayList<>();
        // the hops in the order they started; handed over in any other order, the journey still follows the edges
        TrafficPath journey = TrafficPath.journey(
                request(Outcome.SUCCESS),
                List.of(hop(DEMO_REDIS, Outcome.SERVER_ERROR), hop(GATEWAY_DEMO, Outcome.SUCCESS)),
                unplaced);
        assertThat(journey.edges()).containsExactly(IN, GATEWAY_DEMO, DEMO_REDIS);
        assertThat(journey.outcomes()).containsExactly(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SERVER_ERROR);
        assertThat(journey.sequence()).isEqualTo(7);
        assertThat(journey.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(unplaced).isEmpty();
    }

    @Test
    void withoutTheMeshsHopToTheUpstreamTheRouteLeadsOnToTheUpstreamsHops() {
        List<TrafficPath> unplaced = new ArrayList<>();
        TrafficPath journey =
                TrafficPath.journey(request(Outcome.SUCCESS), List.of(hop(DEMO_REDIS, Outcome.SUCCESS)), unplaced);
        assertThat(journey.edges()).containsExactly(IN, UPSTREAM, DEMO_REDIS);
        assertThat(unplaced).isEmpty();
    }

    @Test
    void anUnlinkedRequestKeepsItsOwnPath() {
        List<TrafficPath> unplaced = new ArrayList<>();
        TrafficPath request = request(Outcome.SUCCESS);
        assertThat(TrafficPath.journey(request, List.of(), unplaced)).isEqualTo(request);
        assertThat(request.outcomes()).containsExactly(Outcome.SUCCESS, Outcome.SUCCESS);
        // Kong answered itself (key-auth's 401): nothing to travel on to, its hops (none should be) stay apart
        TrafficPath answered = new TrafficPath(8, 100, Outcome.AUTH_DENIED, List.of(IN));
        TrafficPath stray = hop(DEMO_REDIS, Outcome.SUCCESS);
        assertThat(TrafficPath.journey(answered, List.of(stray), unplaced).edges())
                .containsExactly(IN);
        assertThat(unplaced).containsExactly(stray);
    }

    @Test
    void aDeniedHopEndsTheJourneyOnItsEdgeInTheDeniedColour() {
        List<TrafficPath> unplaced = new ArrayList<>();
        TrafficPath later = hop(DEMO_REDIS, Outcome.SUCCESS);
        TrafficPath journey = TrafficPath.journey(
                request(Outcome.SERVER_ERROR), List.of(hop(GATEWAY_DEMO, Outcome.MESH_DENIED), later), unplaced);
        assertThat(journey.edges()).containsExactly(IN, GATEWAY_DEMO);
        assertThat(journey.outcomes()).containsExactly(Outcome.SERVER_ERROR, Outcome.MESH_DENIED);
        assertThat(unplaced).containsExactly(later);
        // nothing continues past the denial
        assertThat(journey.continuedBy(hop(DEMO_REDIS, Outcome.SUCCESS))).isEmpty();
    }

    @Test
    void hopsThatDoNotLeadOnAreLeftToBeDrawnOnTheirOwn() {
        List<TrafficPath> unplaced = new ArrayList<>();
        TrafficPath second = hop(DEMO_REDIS, Outcome.SUCCESS);
        TrafficPath journey = TrafficPath.journey(
                request(Outcome.SUCCESS),
                List.of(hop(GATEWAY_DEMO, Outcome.SUCCESS), hop(DEMO_REDIS, Outcome.SUCCESS), second),
                unplaced);
        assertThat(journey.edges()).containsExactly(IN, GATEWAY_DEMO, DEMO_REDIS);
        assertThat(unplaced).containsExactly(second);
    }

    @Test
    void aHopThatArrivesLateContinuesTheJourneyWhereItLeadsOn() {
        TrafficPath request = request(Outcome.SUCCESS);
        // the mesh's record of the hop to the upstream takes the route's place there
        TrafficPath withHop =
                request.continuedBy(hop(GATEWAY_DEMO, Outcome.SUCCESS)).orElseThrow();
        assertThat(withHop.edges()).containsExactly(IN, GATEWAY_DEMO);
        TrafficPath onToRedis =
                withHop.continuedBy(hop(DEMO_REDIS, Outcome.SERVER_ERROR)).orElseThrow();
        assertThat(onToRedis.edges()).containsExactly(IN, GATEWAY_DEMO, DEMO_REDIS);
        assertThat(onToRedis.outcomes()).containsExactly(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SERVER_ERROR);
        // a hop elsewhere does not
        assertThat(request.continuedBy(hop(TrafficEdge.eastWest(REDIS, DEMO), Outcome.SUCCESS)))
                .isEmpty();
    }
}
