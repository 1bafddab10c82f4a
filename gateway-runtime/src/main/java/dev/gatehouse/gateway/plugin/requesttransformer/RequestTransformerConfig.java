package dev.gatehouse.gateway.plugin.requesttransformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * request-transformer's {@code config} ({@code kong/plugins/request-transformer/schema.lua}), read once per
 * configuration version, each {@code name:value} entry split and its value compiled as a {@link Template}.
 */
record RequestTransformerConfig(
        String httpMethod, Section remove, Section rename, Section replace, Section add, Section append, Template uri) {

    /** The split of access.lua's iterator: {@code ^([^:]+):*(.-)$}. */
    private static final Pattern ENTRY = Pattern.compile("^([^:]+):*(.*)$", Pattern.DOTALL);

    /** One entry: a name and its value (null when the entry has none, as for {@code remove}). */
    record Entry(String name, Template value) {}

    /** The body, headers and querystring entries of one operation. */
    record Section(List<Entry> body, List<Entry> headers, List<Entry> querystring) {

        static Section of(JsonNode s) {
            return new Section(entries(s.get("body")), entries(s.get("headers")), entries(s.get("querystring")));
        }
    }

    static RequestTransformerConfig of(ObjectNode c) {
        JsonNode replace = c.path("replace");
        String uri = Json.text(replace.get("uri"));
        return new RequestTransformerConfig(
                Json.text(c.get("http_method")),
                Section.of(c.path("remove")),
                Section.of(c.path("rename")),
                Section.of(replace),
                Section.of(c.path("add")),
                Section.of(c.path("append")),
                uri == null || uri.isEmpty() ? null : Template.compile(uri));
    }

    /** Whether any body operation is configured (the handler then reads the body). */
    boolean transformsBody() {
        return !remove.body().isEmpty()
                || !rename.body().isEmpty()
                || !replace.body().isEmpty()
                || !add.body().isEmpty()
                || !append.body().isEmpty();
    }

    boolean transformsQuery() {
        return !remove.querystring().isEmpty()
                || !rename.querystring().isEmpty()
                || !replace.querystring().isEmpty()
                || !add.querystring().isEmpty()
                || !append.querystring().isEmpty();
    }

    /** The name part of an entry, or null when it has none (Kong's pattern fails). */
    static String name(String entry) {
        Matcher m = ENTRY.matcher(entry);
        return m.matches() ? m.group(1) : null;
    }

    /** The value part of an entry, or null when it has none. */
    static String value(String entry) {
        Matcher m = ENTRY.matcher(entry);
        return m.matches() ? m.group(2) : null;
    }

    private static List<Entry> entries(JsonNode array) {
        List<Entry> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode e : array) {
                Matcher m = ENTRY.matcher(e.asText());
                if (m.matches()) {
                    String v = m.group(2);
                    out.add(new Entry(m.group(1), v.isEmpty() ? null : Template.compile(v)));
                }
            }
        }
        return List.copyOf(out);
    }
}
