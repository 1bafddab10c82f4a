package dev.gatehouse.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a JSON value the way Penlight's {@code pl.pretty.write(t, "")} prints a Lua table, which is how Kong
 * formats keys inside its error messages, e.g. {@code {consumer=null,name="basic-auth",service={id="..."}}}.
 */
public final class LuaPretty {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private LuaPretty() {}

    public static String write(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        append(sb, node);
        return sb.toString();
    }

    private static void append(StringBuilder sb, JsonNode node) {
        if (node == null || node.isNull()) {
            sb.append("null");
        } else if (node.isTextual()) {
            quote(sb, node.textValue());
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            keys.sort(null);
            sb.append('{');
            boolean first = true;
            for (String k : keys) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                if (IDENTIFIER.matcher(k).matches()) {
                    sb.append(k);
                } else {
                    sb.append('[');
                    quote(sb, k);
                    sb.append(']');
                }
                sb.append('=');
                append(sb, node.get(k));
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('{');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                append(sb, node.get(i));
            }
            sb.append('}');
        } else if (node.isNumber()) {
            sb.append(LuaNumber.format(node));
        } else {
            sb.append(node.asText());
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }

    /**
     * {@code pl.pretty.write(t)} with its default two-space indent, which Kong uses for nested values inside
     * schema-violation messages.
     */
    public static String writeIndented(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        appendIndented(sb, node, "");
        return sb.toString();
    }

    private static void appendIndented(StringBuilder sb, JsonNode node, String indent) {
        if (node == null || !node.isContainerNode()) {
            append(sb, node);
            return;
        }
        String inner = indent + "  ";
        List<String> parts = new ArrayList<>();
        if (node.isArray()) {
            boolean dense = true;
            for (JsonNode n : node) {
                dense &= !n.isNull();
            }
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isNull()) {
                    continue;
                }
                StringBuilder e = new StringBuilder(inner);
                if (!dense) {
                    e.append('[').append(i + 1).append("] = ");
                }
                appendIndented(e, node.get(i), inner);
                parts.add(e.toString());
            }
        } else {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            for (String k : keys) {
                StringBuilder e = new StringBuilder(inner);
                if (IDENTIFIER.matcher(k).matches()) {
                    e.append(k);
                } else {
                    e.append('[');
                    quote(e, k);
                    e.append(']');
                }
                e.append(" = ");
                appendIndented(e, node.get(k), inner);
                parts.add(e.toString());
            }
        }
        sb.append("{\n")
                .append(String.join(",\n", parts))
                .append('\n')
                .append(indent)
                .append('}');
    }

    /** Shorthand for messages that embed a single key/value map. */
    public static String keyValue(Map<String, JsonNode> map) {
        var node = Json.object();
        map.forEach(node::set);
        return write(node);
    }
}
