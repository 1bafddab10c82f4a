package dev.gatehouse.gateway.upstream.balance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.proxy.Balancer;
import dev.gatehouse.gateway.proxy.UpstreamTarget;
import dev.gatehouse.gateway.upstream.health.HealthConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The balancer of one upstream (Kong's {@code kong/runloop/balancer/balancers.lua}): its targets with weights, the
 * configured algorithm, passive health reports, and the upstream's health {@code threshold}.
 */
public final class UpstreamBalancer implements Balancer {

    private final List<Member> members;
    private final Strategy strategy;
    private final HashOn hashOn;
    private final HashOn hashFallback;
    private final HealthConfig health;
    private final String hostHeader;

    public UpstreamBalancer(JsonNode upstream, List<Member> members, HealthConfig health) {
        this.members = List.copyOf(members);
        this.health = health;
        this.hashOn = HashOn.primary(upstream);
        this.hashFallback = HashOn.fallback(upstream);
        this.hostHeader = upstream.path("host_header").isTextual()
                ? upstream.get("host_header").textValue()
                : null;
        this.strategy = switch (upstream.path("algorithm").asText("round-robin")) {
            case "consistent-hashing" ->
                new ConsistentHashing(this.members, upstream.path("slots").asInt(10000));
            case "least-connections" -> new LeastConnections();
            case "latency" -> new Latency();
            default -> new RoundRobin();
        };
    }

    public List<Member> members() {
        return members;
    }

    /** Kong's upstream health: below {@code threshold} percent of the weight available, no target is used. */
    public boolean healthy() {
        long total = 0;
        long up = 0;
        for (Member m : members) {
            total += m.weight;
            if (m.health.healthy()) {
                up += m.weight;
            }
        }
        return total > 0 && up > 0 && up * 100.0 / total >= health.threshold();
    }

    @Override
    public UpstreamTarget pick(HashInput request, UpstreamTarget previous) {
        if (!healthy()) {
            return null;
        }
        List<Member> candidates = new ArrayList<>(members.size());
        for (Member m : members) {
            if (m.weight > 0 && m.health.healthy() && !m.target.equals(previous)) {
                candidates.add(m);
            }
        }
        if (candidates.isEmpty()) {
            Member same = find(previous);
            if (same == null || !same.health.healthy()) {
                return null;
            }
            candidates.add(same); // the only healthy target: a retry goes back to it, as Kong's does
        }
        String key = null;
        if (strategy instanceof ConsistentHashing) {
            key = hashOn.value(request);
            if (key == null || key.isEmpty()) {
                key = hashFallback.value(request);
            }
        }
        Member m = strategy.pick(candidates, key);
        m.inFlight.incrementAndGet();
        return m.target;
    }

    @Override
    public void report(UpstreamTarget target, int status, long latencyMillis) {
        Member m = find(target);
        if (m == null) {
            return;
        }
        m.inFlight.decrementAndGet();
        HealthConfig.Passive p = health.passive();
        if (status == RELEASED) {
            return;
        }
        if (status > 0) {
            m.latency(latencyMillis);
            m.health.status(status, p.healthy(), p.unhealthy());
        } else if (status == TCP_FAILURE) {
            m.health.tcpFailure(p.unhealthy());
        } else {
            m.health.timeout(p.unhealthy());
        }
    }

    private Member find(UpstreamTarget target) {
        if (target == null) {
            return null;
        }
        for (Member m : members) {
            if (m.target.equals(target)) {
                return m;
            }
        }
        return null;
    }

    @Override
    public String hostHeader() {
        return hostHeader;
    }
}
