package dev.gatehouse.app.meshpolicy.lockdown;

import dev.gatehouse.app.traffic.TrafficEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mesh pairs of the last minutes of live traffic. The feed's ring belongs to the UI thread, so the caller takes
 * {@code TrafficFeed.snapshot()} there (a copy of references) and hands it here, off that thread. A hop counts once,
 * by {@link TrafficEvent#countsAsHop()} (the rule the request log uses without knowing the mesh's mode); gateway
 * requests are north-south (client → gateway) and never a pair, and an inbound record whose caller stayed unknown
 * names no source to allow.
 */
public final class ObservedTraffic {

    private ObservedTraffic() {}

    /**
     * The pairs of {@code mesh} among {@code events} received in the {@code window} before {@code nowNanos}, in the
     * order first seen. Windows run on the console's receive clock ({@link TrafficEvent#receivedNanos()}, as the
     * graph's do), so a remote clock that is off does not move hops out of it.
     */
    public static List<ObservedPair> pairs(List<TrafficEvent> events, String mesh, Duration window, long nowNanos) {
        long since = nowNanos - window.toNanos();
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, String[]> names = new LinkedHashMap<>();
        for (TrafficEvent event : events) {
            if (event.receivedNanos() - since < 0
                    || !mesh.equals(event.mesh())
                    || !event.countsAsHop()
                    || event.unnamedInbound()
                    || event.destination().isEmpty()) {
                continue;
            }
            String key = event.source() + '\n' + event.destination();
            long[] count = counts.computeIfAbsent(key, k -> new long[2]);
            names.putIfAbsent(key, new String[] {event.source(), event.destination()});
            count[0]++;
            if (event.meshDenied()) {
                count[1]++;
            }
        }
        List<ObservedPair> out = new ArrayList<>(counts.size());
        counts.forEach((key, count) -> {
            String[] pair = names.get(key);
            out.add(new ObservedPair(mesh, pair[0], pair[1], count[0], count[1]));
        });
        return List.copyOf(out);
    }
}
