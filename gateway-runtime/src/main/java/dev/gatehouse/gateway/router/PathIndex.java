package dev.gatehouse.gateway.router;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The rules of one host bucket, indexed by path: a radix tree over plain prefixes and the literal prefixes of regex
 * paths, plus the regex rules without a literal prefix and the rules without paths, which are always candidates.
 * Walking the tree along the request path yields the candidates in a few short rank-sorted lists, whatever the
 * number of routes. The tree is flattened into arrays in depth-first order (one cache line or two per node visited)
 * because large route tables otherwise pay a cache miss per object on every request.
 */
final class PathIndex {

    private static final int[] NONE = new int[0];
    // A node is a record in `data`, in depth-first order: label length, child count, plain-prefix ranks (start and
    // count in `ranks`), regex ranks (start, count), the label's characters, then (character, child offset) pairs.
    private static final int HEADER = 6;

    private final int[] data;
    private final int[] ranks;
    private final int[] unindexed;

    private PathIndex(int[] data, int[] ranks, int[] unindexed) {
        this.data = data;
        this.ranks = ranks;
        this.unindexed = unindexed;
    }

    /** Adds this bucket's candidate lists for {@code path} to {@code out}. */
    void collect(String path, Candidates out) {
        if (unindexed.length > 0) {
            out.add(unindexed, 0, unindexed.length, -1);
        }
        int[] d = data;
        int n = 0;
        int i = 0;
        while (true) {
            if (d[n + 3] > 0) {
                out.add(ranks, d[n + 2], d[n + 2] + d[n + 3], i); // plain prefixes ending here: length i
            }
            if (d[n + 5] > 0) {
                out.add(ranks, d[n + 4], d[n + 4] + d[n + 5], -1); // regexes to evaluate
            }
            if (i >= path.length()) {
                return;
            }
            int k = child(n, path.charAt(i));
            if (k < 0) {
                return;
            }
            int len = d[k];
            if (i + len > path.length()) {
                return;
            }
            for (int j = 1; j < len; j++) { // the first character was the key
                if (d[k + HEADER + j] != path.charAt(i + j)) {
                    return; // a different branch: no deeper prefix can match
                }
            }
            i += len;
            n = k;
        }
    }

    private int child(int n, char c) {
        int[] d = data;
        int pairs = n + HEADER + d[n];
        int count = d[n + 1];
        if (count <= 8) {
            for (int j = 0; j < count; j++) {
                if (d[pairs + 2 * j] == c) {
                    return d[pairs + 2 * j + 1];
                }
            }
            return -1;
        }
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int m = d[pairs + 2 * mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return d[pairs + 2 * mid + 1];
            }
        }
        return -1;
    }

    /** Collects rules, then freezes them into an index. */
    static final class Builder {
        private final MutableNode root = new MutableNode();
        private final List<Integer> unindexed = new ArrayList<>();

        void add(MatchRule rule) {
            if (!rule.hasPaths()) {
                unindexed.add(rule.rank);
                return;
            }
            for (String p : rule.prefixes) {
                root.at(p).plain.add(rule.rank);
            }
            for (var regex : rule.regexes) {
                String lit = RegexPrefix.of(regex.pattern());
                if (lit.isEmpty()) {
                    unindexed.add(rule.rank);
                } else {
                    root.at(lit).regex.add(rule.rank);
                }
            }
        }

        PathIndex build() {
            Flattener f = new Flattener();
            f.node("", root);
            return new PathIndex(
                    f.data.stream().mapToInt(Integer::intValue).toArray(),
                    f.ranks.stream().mapToInt(Integer::intValue).toArray(),
                    sortedDistinct(unindexed));
        }
    }

    private static int[] sortedDistinct(List<Integer> ranks) {
        if (ranks.isEmpty()) {
            return NONE;
        }
        return ranks.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }

    private static final class MutableNode {
        final TreeMap<Character, MutableNode> kids = new TreeMap<>();
        final List<Integer> plain = new ArrayList<>(1);
        final List<Integer> regex = new ArrayList<>(0);

        MutableNode at(String path) {
            MutableNode n = this;
            for (int i = 0; i < path.length(); i++) {
                n = n.kids.computeIfAbsent(path.charAt(i), c -> new MutableNode());
            }
            return n;
        }

        boolean empty() {
            return plain.isEmpty() && regex.isEmpty();
        }
    }

    /** Lays the character trie out as a radix tree of node records, in depth-first order. */
    private static final class Flattener {
        final List<Integer> data = new ArrayList<>();
        final List<Integer> ranks = new ArrayList<>();

        /** Adds the node reached through {@code label} (chains of single-child, rule-less nodes collapse into it). */
        int node(String label, MutableNode start) {
            MutableNode n = start;
            StringBuilder l = new StringBuilder(label);
            while (n.empty() && n.kids.size() == 1 && !label.isEmpty()) {
                var only = n.kids.firstEntry();
                l.append(only.getKey());
                n = only.getValue();
            }
            int offset = data.size();
            int[] plain = sortedDistinct(n.plain);
            int[] regex = sortedDistinct(n.regex);
            data.add(l.length());
            data.add(n.kids.size());
            data.add(ranks.size());
            data.add(plain.length);
            for (int r : plain) {
                ranks.add(r);
            }
            data.add(ranks.size());
            data.add(regex.length);
            for (int r : regex) {
                ranks.add(r);
            }
            for (int i = 0; i < l.length(); i++) {
                data.add((int) l.charAt(i));
            }
            int pairs = data.size();
            for (char c : n.kids.keySet()) {
                data.add((int) c);
                data.add(-1);
            }
            int i = 0;
            for (var e : n.kids.entrySet()) {
                int child = node(String.valueOf(e.getKey()), e.getValue());
                data.set(pairs + 2 * i + 1, child);
                i++;
            }
            return offset;
        }
    }
}
