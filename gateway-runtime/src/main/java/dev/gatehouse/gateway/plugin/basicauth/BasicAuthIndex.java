package dev.gatehouse.gateway.plugin.basicauth;

import dev.gatehouse.gateway.store.EntityTable;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.StoredEntity;
import java.util.HashMap;
import java.util.Map;

/** The basic-auth credentials by username (Kong's {@code basicauth_credentials:select_by_username}). */
final class BasicAuthIndex {

    /** One credential; {@code passwordHash} is what Kong stores, never the password. */
    record Entry(String id, String consumerId, String username, String passwordHash) {}

    private final Map<String, Entry> byUsername;

    private BasicAuthIndex(Map<String, Entry> byUsername) {
        this.byUsername = byUsername;
    }

    static BasicAuthIndex of(Snapshot snapshot) {
        EntityTable t = snapshot.table(BasicAuthPlugin.CREDENTIALS.name());
        Map<String, Entry> m = new HashMap<>();
        if (t != null) {
            for (StoredEntity e : t.rows().values()) {
                String username = e.body().path("username").asText(null);
                String password = e.body().path("password").asText(null);
                String consumer = e.body().path("consumer").path("id").asText(null);
                if (username != null && password != null && consumer != null) {
                    m.put(username, new Entry(e.id(), consumer, username, password));
                }
            }
        }
        return new BasicAuthIndex(m);
    }

    Entry get(String username) {
        return byUsername.get(username);
    }
}
