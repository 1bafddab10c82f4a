package dev.gatehouse.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Shorthand;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kong's decoding of form-urlencoded, multipart and query arguments ({@code kong/api/arguments.lua},
 * {@code arguments_decoder.lua}): {@code a.b=1} and {@code a[b]=1} nest, {@code a[]=x} and {@code a[1]=x} make
 * arrays, repeated names make arrays, then values are converted by schema type ({@code infer}): numbers,
 * booleans, an empty string becomes null, a single value of an array field is wrapped.
 */
final class ArgDecoder {

    private static final Pattern KEYS = Pattern.compile("\\.([^\\[.]+)|\\[([^\\]]*)]");

    /**
     * Keys nested deeper than this are refused. Kong has no bound: past about 8,000 levels LuaJIT's {@code unpack}
     * fails (a 500), and before that a 2,000-level key overflowed our stack. No schema nests a tenth as deep.
     */
    static final int MAX_DEPTH = 100;

    private ArgDecoder() {}

    /**
     * Nests decoded pairs into an object.
     *
     * @param allowMaps whether {@code a[key]} builds a map (Kong allows it on POST, PUT and PATCH only)
     */
    static ObjectNode nest(List<Map.Entry<String, String>> pairs, boolean allowMaps) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : pairs) {
            grouped.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue());
        }
        LuaTable root = new LuaTable();
        for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
            String name = e.getKey();
            List<String> values = e.getValue();
            Object value = values.size() == 1 ? values.get(0) : LuaTable.array(values);
            List<Object> path = path(name, allowMaps);
            if (path == null) {
                root.combine(name, value);
            } else {
                root.insertPath(path, value);
            }
        }
        JsonNode out = root.toJson();
        return out.isObject() ? (ObjectNode) out : Json.object();
    }

    /** True when a name nests deeper than {@link #MAX_DEPTH}. */
    static boolean tooDeep(List<Map.Entry<String, String>> pairs) {
        for (Map.Entry<String, String> p : pairs) {
            String name = p.getKey();
            int delimiters = 0;
            for (int i = 1; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '.' || c == '[') {
                    delimiters++;
                }
            }
            if (delimiters > MAX_DEPTH) { // an upper bound of the nesting; count exactly only then
                List<Object> path = path(name, true);
                if (path != null && path.size() - 1 > MAX_DEPTH) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code name[a][1].b} to {@code [name, "a", 1, "b"]}; null when the name is a plain key. */
    private static List<Object> path(String name, boolean allowMaps) {
        if (name.startsWith(".") || name.endsWith(".")) {
            return null;
        }
        int first = -1;
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '[' || c == '.') {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return null;
        }
        List<Object> path = new ArrayList<>();
        path.add(name.substring(0, first));
        Matcher m = KEYS.matcher(name.substring(first));
        boolean isMap = false;
        while (m.find()) {
            if (m.group(1) != null) {
                path.add(m.group(1));
            } else {
                String k = m.group(2);
                Integer idx = k.isEmpty() ? null : toIndex(k);
                if (k.isEmpty()) {
                    path.add(LuaTable.APPEND);
                } else if (idx != null) {
                    path.add(idx);
                } else {
                    isMap = true;
                    path.add(k);
                }
            }
        }
        if (path.size() < 2 || (isMap && !allowMaps)) {
            return null;
        }
        return path;
    }

    private static Integer toIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- infer: kong/api/arguments.lua ----------------------------------------------------------------------

    /** Converts values of {@code args} in place by the schema's field types (subschema chosen from args). */
    static ObjectNode infer(ObjectNode args, Schema schema, Function<String, Schema> foreign) {
        if (schema == null) {
            return args;
        }
        Schema sub = schema.subschemaFor(args);
        for (NamedField nf : schema.fieldList()) {
            JsonNode v = args.get(nf.name());
            if (v != null) {
                args.set(nf.name(), inferValue(v, schema.resolveField(nf.name(), sub), foreign));
            }
        }
        for (Shorthand sh : schema.shorthands()) {
            JsonNode v = args.get(sh.name());
            if (v != null) {
                args.set(sh.name(), inferValue(v, sh.field(), foreign));
            }
        }
        if (schema.ttl() && args.has("ttl")) {
            JsonNode n = toNumber(args.get("ttl"));
            if (n != null) {
                args.set("ttl", n);
            }
        }
        return args;
    }

    static JsonNode inferValue(JsonNode value, Field field, Function<String, Schema> foreign) {
        if (value == null || field == null) {
            return value;
        }
        if (value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
            return Json.nullNode();
        }
        switch (field.type()) {
            case NUMBER, INTEGER -> {
                JsonNode n = toNumber(value);
                return n != null ? n : value;
            }
            case BOOLEAN -> {
                if (value.isTextual() && value.textValue().equals("true")) {
                    return BooleanNode.TRUE;
                }
                if (value.isTextual() && value.textValue().equals("false")) {
                    return BooleanNode.FALSE;
                }
                return value;
            }
            case ARRAY, SET -> {
                ArrayNode arr;
                if (value.isArray()) {
                    arr = (ArrayNode) value;
                } else if (value.isObject()) {
                    return value;
                } else {
                    arr = Json.array();
                    arr.add(value);
                }
                for (int i = 0; i < arr.size(); i++) {
                    arr.set(i, inferValue(arr.get(i), field.elements(), foreign));
                }
                return arr;
            }
            case FOREIGN -> {
                if (value.isObject()) {
                    return infer((ObjectNode) value, foreign.apply(field.reference()), foreign);
                }
                return value;
            }
            case MAP -> {
                if (value.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        e.setValue(inferValue(e.getValue(), field.values(), foreign));
                    }
                }
                return value;
            }
            case RECORD -> {
                if (!field.isAbstract() && value.isObject()) {
                    Schema rs = field.recordSchema();
                    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        Field f = rs.field(e.getKey());
                        if (f != null) {
                            e.setValue(inferValue(e.getValue(), f, foreign));
                        }
                    }
                }
                return value;
            }
            default -> {
                return value;
            }
        }
    }

    /** Lua's {@code tonumber} on a string (decimal, hex, exponent); null when it is not a number. */
    static JsonNode toNumber(JsonNode v) {
        if (v.isNumber()) {
            return v;
        }
        if (!v.isTextual()) {
            return null;
        }
        String s = v.textValue().trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return LongNode.valueOf(Long.parseLong(s));
        } catch (NumberFormatException ignored) {
            // not a plain integer
        }
        String unsigned = s.startsWith("-") ? s.substring(1) : s;
        if (unsigned.startsWith("0x") || unsigned.startsWith("0X")) {
            try {
                long n = Long.parseLong(unsigned.substring(2), 16);
                return LongNode.valueOf(s.startsWith("-") ? -n : n);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        double d = Double.parseDouble(s);
        return DoubleNode.valueOf(d);
    }

    /** A Lua table under construction: integer keys make arrays, other keys maps. */
    static final class LuaTable {
        static final Object APPEND = new Object();
        private final LinkedHashMap<Object, Object> entries = new LinkedHashMap<>();

        static LuaTable array(List<?> values) {
            LuaTable t = new LuaTable();
            for (Object v : values) {
                t.entries.put(t.nextIndex(), v);
            }
            return t;
        }

        private int nextIndex() {
            int n = 1;
            while (entries.containsKey(n)) {
                n++;
            }
            return n;
        }

        /** Kong's combine: a repeated plain key becomes an array of its values. */
        void combine(Object key, Object value) {
            Object existing = entries.get(key);
            if (existing == null) {
                entries.put(key, value);
            } else if (existing instanceof LuaTable t) {
                if (value instanceof LuaTable vt) {
                    vt.entries.values().forEach(v -> t.entries.put(t.nextIndex(), v));
                } else {
                    t.entries.put(t.nextIndex(), value);
                }
            } else {
                LuaTable t = array(List.of(existing));
                t.combine(t.nextIndex(), value);
                entries.put(key, t);
            }
        }

        /** Kong's nest_path. */
        void insertPath(List<Object> path, Object value) {
            LuaTable container = this;
            for (int i = 0; i < path.size(); i++) {
                Object seg = path.get(i);
                boolean last = i == path.size() - 1;
                if (seg == APPEND || seg instanceof Integer) {
                    if (last) {
                        if (seg instanceof Integer idx) {
                            container.entries.put(idx, value);
                        } else if (value instanceof LuaTable vt) {
                            for (Object v : vt.entries.values()) {
                                container.entries.put(container.nextIndex(), v);
                            }
                        } else {
                            container.entries.put(container.nextIndex(), value);
                        }
                        return;
                    }
                    Object pos = seg == APPEND ? 1 : seg;
                    Object next = container.entries.get(pos);
                    if (!(next instanceof LuaTable)) {
                        next = new LuaTable();
                        container.entries.put(pos, next);
                    }
                    container = (LuaTable) next;
                } else {
                    if (last) {
                        container.entries.put(seg, value);
                        return;
                    }
                    Object next = container.entries.get(seg);
                    if (!(next instanceof LuaTable)) {
                        next = new LuaTable();
                        container.entries.put(seg, next);
                    }
                    container = (LuaTable) next;
                }
            }
        }

        JsonNode toJson() {
            boolean sequence = !entries.isEmpty();
            int n = 0;
            for (Object k : entries.keySet()) {
                n++;
                if (!(k instanceof Integer)) {
                    sequence = false;
                    break;
                }
            }
            if (sequence) {
                for (int i = 1; i <= n; i++) {
                    if (!entries.containsKey(i)) {
                        sequence = false;
                        break;
                    }
                }
            }
            if (sequence) {
                ArrayNode a = Json.array();
                for (int i = 1; i <= n; i++) {
                    a.add(toJson(entries.get(i)));
                }
                return a;
            }
            ObjectNode o = Json.object();
            entries.forEach((k, v) -> o.set(String.valueOf(k), toJson(v)));
            return o;
        }

        private static JsonNode toJson(Object v) {
            if (v instanceof LuaTable t) {
                return t.toJson();
            }
            if (v instanceof JsonNode j) {
                return j;
            }
            return TextNode.valueOf((String) v);
        }
    }
}
