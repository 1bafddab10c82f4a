package dev.gatehouse.gateway.router;

import java.util.Arrays;

/**
 * The candidate lists gathered for one request (each a rank-sorted slice of an index array), merged lazily:
 * {@link #next()} returns the smallest rank not yet returned from any list, so the router tests rules in priority
 * order and stops at the first that matches. A list from a plain-prefix node also says how long the matched prefix
 * is, which spares the rule from comparing it again.
 */
final class Candidates {

    private int[][] arrays = new int[8][];
    private int[] pos = new int[8];
    private int[] end = new int[8];
    private int[] prefixLen = new int[8];
    private int size;
    private int lastPrefixLen;

    void add(int[] array, int from, int to, int matchedPrefixLength) {
        if (size == arrays.length) {
            arrays = Arrays.copyOf(arrays, size * 2);
            pos = Arrays.copyOf(pos, size * 2);
            end = Arrays.copyOf(end, size * 2);
            prefixLen = Arrays.copyOf(prefixLen, size * 2);
        }
        arrays[size] = array;
        pos[size] = from;
        end[size] = to;
        prefixLen[size++] = matchedPrefixLength;
    }

    /** The next smallest rank, or -1 when every list is exhausted. */
    int next() {
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            if (pos[i] < end[i] && arrays[i][pos[i]] < bestRank) {
                bestRank = arrays[i][pos[i]];
            }
        }
        if (bestRank == Integer.MAX_VALUE) {
            return -1;
        }
        lastPrefixLen = -1;
        // advance every list whose head is this rank (a rule reached through several hosts or paths)
        for (int i = 0; i < size; i++) {
            if (pos[i] < end[i] && arrays[i][pos[i]] == bestRank) {
                pos[i]++;
                lastPrefixLen = Math.max(lastPrefixLen, prefixLen[i]);
            }
        }
        return bestRank;
    }

    /** For the rank last returned: the length of the plain prefix known to match, or -1. */
    int prefixLength() {
        return lastPrefixLen;
    }
}
