package dev.gatehouse.gateway.upstream.balance;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Least-connections (Kong's {@code least_connections.lua}): the target with the fewest tries in flight for its
 * weight, {@code (inFlight + 1) / weight}; equals take turns, as a target leaves Kong's heap and re-enters behind
 * its peers.
 */
final class LeastConnections implements Strategy {

    private final AtomicInteger turn = new AtomicInteger();

    @Override
    public Member pick(List<Member> candidates, String hashKey) {
        int n = candidates.size();
        int start = Math.floorMod(turn.getAndIncrement(), n);
        Member best = null;
        double bestScore = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Member m = candidates.get((start + i) % n);
            double score = (m.inFlight.get() + 1.0) / m.weight;
            if (score < bestScore) {
                bestScore = score;
                best = m;
            }
        }
        return best;
    }
}
