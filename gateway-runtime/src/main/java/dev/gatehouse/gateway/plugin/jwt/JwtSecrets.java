package dev.gatehouse.gateway.plugin.jwt;

import dev.gatehouse.gateway.store.EntityTable;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.StoredEntity;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The jwt secrets by key (Kong's {@code jwt_secrets:select_by_key}), with the store's clock for claims. */
final class JwtSecrets {

    /** One secret; {@code secret} and {@code rsaPublicKey} may be null. */
    record Entry(String id, String consumerId, String key, String secret, String rsaPublicKey, String algorithm) {}

    private final Map<String, Entry> byKey;
    private final Clock clock;

    private JwtSecrets(Map<String, Entry> byKey, Clock clock) {
        this.byKey = byKey;
        this.clock = clock;
    }

    static JwtSecrets of(Snapshot snapshot) {
        EntityTable t = snapshot.table(JwtPlugin.SECRETS.name());
        Map<String, Entry> m = new HashMap<>();
        if (t != null) {
            for (StoredEntity e : t.rows().values()) {
                String key = e.body().path("key").asText(null);
                if (key != null) {
                    m.put(
                            key,
                            new Entry(
                                    e.id(),
                                    e.body().path("consumer").path("id").asText(null),
                                    key,
                                    e.body().path("secret").asText(null),
                                    e.body().path("rsa_public_key").asText(null),
                                    e.body().path("algorithm").asText("HS256")));
                }
            }
        }
        return new JwtSecrets(m, snapshot.clock());
    }

    Entry get(String key) {
        return byKey.get(key);
    }

    /** Kong's {@code ngx.time()}, from the store's clock. */
    long nowSeconds() {
        return clock.instant().getEpochSecond();
    }
}
