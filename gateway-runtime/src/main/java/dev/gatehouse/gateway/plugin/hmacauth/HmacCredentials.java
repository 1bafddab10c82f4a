package dev.gatehouse.gateway.plugin.hmacauth;

import dev.gatehouse.gateway.store.EntityTable;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.StoredEntity;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The hmac-auth credentials by username (Kong's {@code hmacauth_credentials:select_by_username}). */
final class HmacCredentials {

    /** One credential; the secret stays in memory only, never logged. */
    record Entry(String id, String consumerId, String username, String secret) {}

    private final Map<String, Entry> byUsername;
    private final Clock clock;

    private HmacCredentials(Map<String, Entry> byUsername, Clock clock) {
        this.byUsername = byUsername;
        this.clock = clock;
    }

    static HmacCredentials of(Snapshot snapshot) {
        EntityTable t = snapshot.table(HmacAuthPlugin.CREDENTIALS.name());
        Map<String, Entry> m = new HashMap<>();
        if (t != null) {
            for (StoredEntity e : t.rows().values()) {
                String username = e.body().path("username").asText(null);
                if (username != null) {
                    m.put(
                            username,
                            new Entry(
                                    e.id(),
                                    e.body().path("consumer").path("id").asText(null),
                                    username,
                                    e.body().path("secret").asText(null)));
                }
            }
        }
        return new HmacCredentials(m, snapshot.clock());
    }

    Entry get(String username) {
        return byUsername.get(username);
    }

    /** Kong's {@code ngx.time()}, from the store's clock. */
    long nowSeconds() {
        return clock.instant().getEpochSecond();
    }
}
