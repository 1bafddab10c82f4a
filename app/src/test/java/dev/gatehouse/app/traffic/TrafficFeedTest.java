package dev.gatehouse.app.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficFeedTest {

    static TrafficEvent event(String path) {
        return new TrafficEvent(
                0,
                System.nanoTime(),
                Origin.GATEWAY,
                Instant.now(),
                "",
                "",
                "demo",
                "r",
                "",
                "GET",
                path,
                200,
                Outcome.SUCCESS,
                1,
                "",
                "",
                "",
                "",
                "",
                DeflatedJson.of(JsonNodeFactory.instance.objectNode()));
    }

    @Test
    void oneBatchPerPulseWithEverythingThatArrivedInOrder() {
        TrafficFeed feed = new TrafficFeed(10);
        List<TrafficBatch> batches = new ArrayList<>();
        feed.addListener(batches::add);
        for (int i = 0; i < 5; i++) {
            feed.sink().accept(event("/" + i));
        }
        assertThat(batches).isEmpty(); // nothing reaches the UI between frames
        assertThat(feed.pulse()).isEqualTo(5);
        assertThat(feed.pulse()).isZero();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).added()).extracting(TrafficEvent::path).containsExactly("/0", "/1", "/2", "/3", "/4");
        assertThat(batches.get(0).added()).extracting(TrafficEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aFullRingOverwritesTheOldestAndCountsThem() {
        TrafficFeed feed = new TrafficFeed(3);
        for (int i = 0; i < 5; i++) {
            feed.sink().accept(event("/" + i));
        }
        feed.pulse();
        assertThat(feed.snapshot()).extracting(TrafficEvent::path).containsExactly("/2", "/3", "/4");
        assertThat(feed.size()).isEqualTo(3);
        assertThat(feed.dropped()).isEqualTo(2);
        feed.sink().lost(7);
        assertThat(feed.dropped()).isEqualTo(9);
    }
}
