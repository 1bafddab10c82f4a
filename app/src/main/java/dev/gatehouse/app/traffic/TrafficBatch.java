package dev.gatehouse.app.traffic;

import java.util.List;

/**
 * What one frame brings: the events added since the last batch (oldest first) and the feed's counters after it.
 *
 * @param evicted events the ring buffer overwrote because it was full, since the feed started
 * @param dropped every event lost: evicted, plus those the inbox or a source could not take
 */
public record TrafficBatch(List<TrafficEvent> added, long evicted, long dropped) {

    public TrafficBatch {
        added = List.copyOf(added);
    }
}
