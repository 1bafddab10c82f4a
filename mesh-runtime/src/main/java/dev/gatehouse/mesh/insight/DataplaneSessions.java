package dev.gatehouse.mesh.insight;

import dev.gatehouse.mesh.resource.ResourceKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Connections of data planes to this control plane (their watch streams), kept as Kuma's
 * {@code DataplaneInsight.subscriptions}: a proxy is online while its last subscription has no disconnect time.
 * When a data plane's last connection ends it has left, and {@code onLeave} is told (on the disconnecting thread).
 */
public final class DataplaneSessions {
    /** Keeps this many past subscriptions per dataplane, like Kuma's insight history. */
    private static final int HISTORY = 5;

    private final Clock clock;
    private final String instanceId;
    private final Consumer<ResourceKey> onLeave;
    private final Map<ResourceKey, List<Subscription>> byDataplane = new HashMap<>();

    /** One subscription; {@code disconnectTime} is null while connected. */
    public record Subscription(String id, String controlPlaneInstanceId, Instant connectTime, Instant disconnectTime) {}

    public DataplaneSessions(Clock clock, String instanceId, Consumer<ResourceKey> onLeave) {
        this.clock = clock;
        this.instanceId = instanceId;
        this.onLeave = onLeave;
    }

    public synchronized String connect(ResourceKey dp) {
        String id = UUID.randomUUID().toString();
        List<Subscription> list = byDataplane.computeIfAbsent(dp, k -> new ArrayList<>());
        list.add(new Subscription(id, instanceId, clock.instant(), null));
        while (list.size() > HISTORY) {
            list.remove(0);
        }
        return id;
    }

    public void disconnect(ResourceKey dp, String id) {
        boolean left;
        synchronized (this) {
            List<Subscription> list = byDataplane.getOrDefault(dp, List.of());
            for (int i = 0; i < list.size(); i++) {
                Subscription s = list.get(i);
                if (s.id().equals(id) && s.disconnectTime() == null) {
                    list.set(i, new Subscription(s.id(), s.controlPlaneInstanceId(), s.connectTime(), clock.instant()));
                }
            }
            left = !online(dp);
        }
        if (left) {
            onLeave.accept(dp);
        }
    }

    public synchronized List<Subscription> subscriptions(ResourceKey dp) {
        return List.copyOf(byDataplane.getOrDefault(dp, List.of()));
    }

    /** Online = some subscription is still connected. */
    public synchronized boolean online(ResourceKey dp) {
        return byDataplane.getOrDefault(dp, List.of()).stream().anyMatch(s -> s.disconnectTime() == null);
    }
}
