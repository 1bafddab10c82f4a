package dev.gatehouse.app.search;

import java.util.Locale;

/**
 * Scores how well a typed query matches a text, the way command palettes do: a contiguous match beats a scattered
 * one, a match at a word start beats one inside a word, and every query character must appear in order.
 */
public final class FuzzyMatcher {

    /** Returned when the text does not contain the query's characters in order. */
    public static final int NO_MATCH = -1;

    private FuzzyMatcher() {}

    /** A score of 0 or more (higher is better), or {@link #NO_MATCH}. An empty query matches everything with 0. */
    public static int score(String query, String text) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return 0;
        }
        String t = text.toLowerCase(Locale.ROOT);
        int substring = t.indexOf(q);
        if (substring >= 0) {
            int bonus = isWordStart(t, substring) ? 400 : 200;
            // Earlier beats later, and then shorter beats longer: "redis" is a better answer to redis than "redis-1".
            return 1000 + bonus - Math.min(substring, 100) * 2 - Math.min(t.length() - q.length(), 100);
        }
        int score = 0;
        int ti = 0;
        int previous = -2;
        for (int qi = 0; qi < q.length(); qi++) {
            char c = q.charAt(qi);
            if (Character.isWhitespace(c)) {
                continue;
            }
            int found = t.indexOf(c, ti);
            if (found < 0) {
                return NO_MATCH;
            }
            score += 10;
            if (found == previous + 1) {
                score += 15;
            }
            if (isWordStart(t, found)) {
                score += 20;
            }
            score -= Math.min(found - ti, 10);
            previous = found;
            ti = found + 1;
        }
        return Math.max(score, 0);
    }

    private static boolean isWordStart(String text, int index) {
        return index == 0 || !Character.isLetterOrDigit(text.charAt(index - 1));
    }
}
