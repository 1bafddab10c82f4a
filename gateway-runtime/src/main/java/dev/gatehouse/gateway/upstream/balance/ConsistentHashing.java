package dev.gatehouse.gateway.upstream.balance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Consistent hashing on a ring of about {@code slots} points shared out by weight (Kong's
 * {@code kong/runloop/balancer/consistent_hashing.lua}): the CRC32 of the hashed value picks a point, and an
 * unhealthy target's points pass to the next healthy one, so other keys keep their target.
 */
final class ConsistentHashing implements Strategy {

    private final long[] points;
    private final Member[] owners;
    private final Strategy fallback = new RoundRobin();

    ConsistentHashing(List<Member> members, int slots) {
        long total = members.stream().mapToLong(m -> m.weight).sum();
        int count = 0;
        int[] share = new int[members.size()];
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            share[i] = total == 0 || m.weight == 0 ? 0 : (int) Math.max(1, slots * m.weight / total);
            count += share[i];
        }
        long[] raw = new long[count];
        Member[] rawOwners = new Member[count];
        int k = 0;
        for (int i = 0; i < members.size(); i++) {
            for (int j = 0; j < share[i]; j++) {
                raw[k] = (crc(members.get(i).target.host() + ":"
                                        + members.get(i).target.port() + "#" + j)
                                << 20)
                        | k;
                rawOwners[k] = members.get(i);
                k++;
            }
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(raw[a], raw[b]));
        points = new long[count];
        owners = new Member[count];
        for (int i = 0; i < count; i++) {
            points[i] = raw[order[i]] >>> 20;
            owners[i] = rawOwners[order[i]];
        }
    }

    static long crc(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return c.getValue();
    }

    @Override
    public Member pick(List<Member> candidates, String hashKey) {
        if (hashKey == null || points.length == 0) {
            return fallback.pick(candidates, null); // nothing to hash on: Kong balances such requests anyway
        }
        int i = Arrays.binarySearch(points, crc(hashKey));
        if (i < 0) {
            i = -i - 1;
        }
        for (int n = 0; n < points.length; n++) {
            Member m = owners[(i + n) % points.length];
            if (candidates.contains(m)) {
                return m;
            }
        }
        return candidates.getFirst();
    }
}
