package dev.gatehouse.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.error.Errors;
import dev.gatehouse.gateway.error.KongException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code ?tags=} list filter: {@code a,b} (all of) or {@code a/b} (any of), Kong's syntax and errors. */
record TagFilter(List<String> tags, boolean all) {

    private static final String TAG_CHARS = "[\\x20-\\x2B\\x2D\\x2E\\x30-\\x7E\\x{80}-\\x{10FFFF}]";
    private static final Pattern AND = Pattern.compile("^(" + TAG_CHARS + "+(?:,|$))+$");
    private static final Pattern OR = Pattern.compile("^(" + TAG_CHARS + "+(?:/|$))+$");

    /** Parses the inferred {@code tags} argument (a set after inference); null when absent. */
    static TagFilter parse(JsonNode tags) {
        if (tags == null) {
            return null;
        }
        if (tags.isNull() || (tags.isArray() && tags.isEmpty())) {
            throw new KongException(Errors.invalidOption("tags", "cannot be null"));
        }
        String t = tags.isArray() ? tags.get(0).asText() : tags.asText();
        List<String> list;
        boolean all;
        if (AND.matcher(t).matches()) {
            list = List.of(t.split(","));
            all = true;
        } else if (OR.matcher(t).matches()) {
            list = List.of(t.split("/"));
            all = false;
        } else {
            throw new KongException(Errors.invalidOption("tags", "invalid filter syntax"));
        }
        if (list.size() > 5) {
            throw new KongException(Errors.invalidOption("tags", "cannot query more than 5 tags"));
        }
        return new TagFilter(list, all);
    }

    /** The raw value for {@code next} links. */
    static String raw(JsonNode tags) {
        return tags.isArray() ? tags.get(0).asText() : tags.asText();
    }

    boolean matches(JsonNode entityTags) {
        Set<String> have = new HashSet<>();
        if (entityTags != null && entityTags.isArray()) {
            entityTags.forEach(t -> have.add(t.asText()));
        }
        if (all) {
            return have.containsAll(tags);
        }
        for (String t : tags) {
            if (have.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
