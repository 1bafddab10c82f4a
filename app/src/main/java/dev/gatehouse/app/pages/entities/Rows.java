package dev.gatehouse.app.pages.entities;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading display values out of Kong entities (JSON objects with nulls for unset fields). */
public final class Rows {

    private Rows() {}

    /** A field as text; empty for null or missing. */
    public static String text(JsonNode row, String field) {
        JsonNode v = row.path(field);
        return v.isNull() || v.isMissingNode() ? "" : v.asText();
    }

    /** An array field's elements as text; empty for null. */
    public static List<String> list(JsonNode row, String field) {
        List<String> out = new ArrayList<>();
        row.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    /** An array field joined with ", ". */
    public static String joined(JsonNode row, String field) {
        return String.join(", ", list(row, field));
    }

    /** The id of a foreign reference such as {@code service: {"id": ...}}; empty when null. */
    public static String refId(JsonNode row, String field) {
        return row.path(field).path("id").asText("");
    }

    /** What users call an entity: its name (or username, or key prefix), else its id. */
    public static String label(JsonNode row) {
        for (String field : List.of("name", "username", "custom_id")) {
            String v = text(row, field);
            if (!v.isEmpty()) {
                return v;
            }
        }
        return text(row, "id");
    }
}
