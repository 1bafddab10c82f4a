package dev.gatehouse.gateway.upstream.balance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted round-robin: nginx's smooth variant, so a target with weight 2 next to one with weight 1 gets two of
 * every three requests, interleaved (Kong's {@code kong/runloop/balancer/round_robin.lua} spreads them over a wheel).
 */
final class RoundRobin implements Strategy {

    private final Map<Member, Long> current = new HashMap<>();

    @Override
    public synchronized Member pick(List<Member> candidates, String hashKey) {
        long total = 0;
        Member best = null;
        long bestValue = Long.MIN_VALUE;
        for (Member m : candidates) {
            long v = current.getOrDefault(m, 0L) + m.weight;
            current.put(m, v);
            total += m.weight;
            if (v > bestValue) {
                bestValue = v;
                best = m;
            }
        }
        current.put(best, bestValue - total);
        return best;
    }
}
