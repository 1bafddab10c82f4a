package dev.gatehouse.gateway.expression;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a matching expression recorded (atc-router {@code context.rs} {@code Match}): the value each field matched
 * by {@code ==}, {@code ^=}, {@code =^} or {@code ~} (the right side, or the whole regex match), and the regex
 * captures by number and by name.
 */
public final class MatchResult {

    private final Map<String, AtcValue> matches = new LinkedHashMap<>();
    private final Map<String, String> captures = new LinkedHashMap<>();

    void matched(String field, AtcValue value) {
        matches.put(field, value);
    }

    void captured(String name, String value) {
        captures.put(name, value);
    }

    /** The string a field matched, or null (Kong reads {@code http.path}'s to strip it). */
    public String matchedString(String field) {
        return matches.get(field) instanceof AtcValue.Str s ? s.value() : null;
    }

    /** Captures by group number ("0" is the whole match) and by name; empty when no regex matched. */
    public Map<String, String> captures() {
        return captures;
    }

    /** Forgets everything, as the router does before trying the next route. */
    public void reset() {
        matches.clear();
        captures.clear();
    }
}
