package dev.gatehouse.app.repository.gateway;

import java.util.List;
import java.util.Locale;

/**
 * One target of an upstream and its health, as Kong's {@code GET /upstreams/{u}/health} tells it
 * (kong/api/routes/upstreams.lua): the target's address, weight and tags, and what the balancer thinks of it.
 */
public record TargetHealth(String id, String target, int weight, Health health, List<String> tags) {

    /** Kong's health words; {@link #UNKNOWN} when the balancer has not seen the target yet. */
    public enum Health {
        HEALTHY,
        UNHEALTHY,
        DNS_ERROR,
        HEALTHCHECKS_OFF,
        UNKNOWN;

        /** The word Kong sends, or UNKNOWN for none or one not known here. */
        public static Health of(String word) {
            if (word == null || word.isBlank()) {
                return UNKNOWN;
            }
            try {
                return valueOf(word.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return UNKNOWN;
            }
        }
    }

    public TargetHealth {
        tags = List.copyOf(tags);
    }
}
