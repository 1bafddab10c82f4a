package dev.gatehouse.gateway.upstream.balance;

import java.util.List;

/**
 * The {@code latency} algorithm (Kong's {@code latency.lua}): the target with the lowest moving average of its
 * response latency, weighted by tries in flight; a target not measured yet goes first.
 */
final class Latency implements Strategy {

    private final Strategy untried = new RoundRobin();

    @Override
    public Member pick(List<Member> candidates, String hashKey) {
        List<Member> fresh = candidates.stream().filter(m -> m.ewma() < 0).toList();
        if (!fresh.isEmpty()) {
            return untried.pick(fresh, null);
        }
        Member best = null;
        double bestScore = Double.MAX_VALUE;
        for (Member m : candidates) {
            double score = (m.ewma() + 1) * (m.inFlight.get() + 1);
            if (score < bestScore) {
                bestScore = score;
                best = m;
            }
        }
        return best;
    }
}
