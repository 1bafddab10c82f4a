package dev.gatehouse.gateway.plugin.acl;

import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.StoredEntity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The groups of each consumer (Kong's {@code groups.get_consumer_groups}), from the {@code acls} entities. */
final class AclGroups {

    private final Map<String, List<String>> byConsumer;

    private AclGroups(Map<String, List<String>> byConsumer) {
        this.byConsumer = byConsumer;
    }

    static AclGroups of(Snapshot snapshot) {
        Map<String, List<String>> m = new HashMap<>();
        for (StoredEntity e : snapshot.list(AclPlugin.ACLS.name())) {
            String consumer = e.body().path("consumer").path("id").asText(null);
            String group = e.body().path("group").asText(null);
            if (consumer != null && group != null) {
                m.computeIfAbsent(consumer, k -> new ArrayList<>()).add(group);
            }
        }
        m.replaceAll((k, v) -> List.copyOf(v));
        return new AclGroups(m);
    }

    /** The consumer's groups, or null when it has none. */
    List<String> of(String consumerId) {
        return byConsumer.get(consumerId);
    }
}
