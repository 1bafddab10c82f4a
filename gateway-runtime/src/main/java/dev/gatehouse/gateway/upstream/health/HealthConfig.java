package dev.gatehouse.gateway.upstream.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** An upstream's {@code healthchecks} record, typed (Kong's {@code upstreams.lua} healthchecks fields). */
public record HealthConfig(Active active, Passive passive, double threshold) {

    /** Thresholds of one direction: how many successes make a target healthy, which statuses count. */
    public record Healthy(double intervalSeconds, Set<Integer> statuses, int successes) {}

    /** How many failures of each kind make a target unhealthy; 0 turns that counter off. */
    public record Unhealthy(
            double intervalSeconds, Set<Integer> statuses, int tcpFailures, int timeouts, int httpFailures) {}

    /** Active probes: {@code GET http_path} every interval (per health state), with a timeout in seconds. */
    public record Active(
            String type,
            double timeoutSeconds,
            String httpPath,
            Map<String, String> headers,
            Healthy healthy,
            Unhealthy unhealthy) {

        public boolean enabled() {
            return healthy.intervalSeconds() > 0 || unhealthy.intervalSeconds() > 0;
        }
    }

    /** Passive checks: counting what proxied requests met. */
    public record Passive(Healthy healthy, Unhealthy unhealthy) {

        public boolean enabled() {
            return healthy.successes() > 0
                    || unhealthy.tcpFailures() > 0
                    || unhealthy.timeouts() > 0
                    || unhealthy.httpFailures() > 0;
        }
    }

    /** Kong shows {@code HEALTHCHECKS_OFF} when neither active probing nor a passive counter is on. */
    public boolean enabled() {
        return active.enabled() || passive.enabled();
    }

    public static HealthConfig parse(JsonNode hc) {
        JsonNode a = hc.path("active");
        JsonNode p = hc.path("passive");
        Map<String, String> headers = new LinkedHashMap<>();
        a.path("headers").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            headers.put(e.getKey(), v.isArray() && !v.isEmpty() ? v.get(0).asText() : v.asText());
        });
        Active active = new Active(
                a.path("type").asText("http"),
                a.path("timeout").asDouble(1),
                a.path("http_path").asText("/"),
                headers,
                healthy(a.path("healthy")),
                unhealthy(a.path("unhealthy")));
        return new HealthConfig(
                active,
                new Passive(healthy(p.path("healthy")), unhealthy(p.path("unhealthy"))),
                hc.path("threshold").asDouble(0));
    }

    private static Healthy healthy(JsonNode n) {
        return new Healthy(
                n.path("interval").asDouble(0), statuses(n), n.path("successes").asInt(0));
    }

    private static Unhealthy unhealthy(JsonNode n) {
        return new Unhealthy(
                n.path("interval").asDouble(0),
                statuses(n),
                n.path("tcp_failures").asInt(0),
                n.path("timeouts").asInt(0),
                n.path("http_failures").asInt(0));
    }

    private static Set<Integer> statuses(JsonNode n) {
        Set<Integer> out = new HashSet<>();
        n.path("http_statuses").forEach(s -> out.add(s.asInt()));
        return Set.copyOf(out);
    }
}
