package dev.gatehouse.gateway.plugin.responsetransformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * response-transformer's {@code config} ({@code kong/plugins/response-transformer/schema.lua}), read once per
 * configuration version, each entry split as the plugin's iterators split it.
 */
record ResponseTransformerConfig(Section remove, Section rename, Section replace, Section add, Section append) {

    /** The iterators' split: {@code ^([^:]+):*(.-)$}, an empty value being none. */
    private static final Pattern ENTRY = Pattern.compile("^([^:]+):*(.*)$", Pattern.DOTALL);

    /** A name and its value (null when none); {@code jsonType} is the entry's {@code json_types} element, or null. */
    record Entry(String name, String value, String jsonType) {}

    record Section(List<Entry> json, List<Entry> headers) {

        static Section of(JsonNode s) {
            return new Section(entries(s.get("json"), s.get("json_types")), entries(s.get("headers"), null));
        }
    }

    static ResponseTransformerConfig of(ObjectNode c) {
        return new ResponseTransformerConfig(
                Section.of(c.path("remove")),
                Section.of(c.path("rename")),
                Section.of(c.path("replace")),
                Section.of(c.path("add")),
                Section.of(c.path("append")));
    }

    /** header_transformer.lua's {@code is_body_transform_set}. */
    boolean transformsBody() {
        return !add.json().isEmpty()
                || !rename.json().isEmpty()
                || !remove.json().isEmpty()
                || !replace.json().isEmpty()
                || !append.json().isEmpty();
    }

    static Entry entry(String text) {
        Matcher m = ENTRY.matcher(text);
        if (!m.matches()) {
            return null;
        }
        return new Entry(m.group(1), m.group(2).isEmpty() ? null : m.group(2), null);
    }

    private static List<Entry> entries(JsonNode array, JsonNode types) {
        List<Entry> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                Entry e = entry(array.get(i).asText());
                if (e != null) {
                    JsonNode t = types != null && types.isArray() && i < types.size() ? types.get(i) : null;
                    out.add(new Entry(e.name(), e.value(), t == null || t.isNull() ? null : t.asText()));
                }
            }
        }
        return List.copyOf(out);
    }
}
