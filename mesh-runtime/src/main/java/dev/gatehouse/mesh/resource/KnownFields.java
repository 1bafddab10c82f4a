package dev.gatehouse.mesh.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.validation.InvalidResourceException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The language in which each resource type declares its body's fields as Kuma 2.14.3 defines them (see the
 * descriptors' {@code fields}), and the decoding Kuma applies to a REST body:
 * legacy types go through jsonpb with {@code AllowUnknownFields} (pkg/util/proto/proto.go {@code FromJSON}), new
 * policies through encoding/json into Go structs; both drop unknown fields, so they are neither stored nor echoed.
 * jsonpb also takes a field's proto name ({@code transparent_proxying}) for its JSON name, ignores nulls, decodes a
 * null list item of a message type as an empty message, and refuses a body whose objects and lists are swapped.
 */
public final class KnownFields {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a field holds. */
    public sealed interface Shape permits Message, ListOf, Scalar, DurationText, Free, AnyJson {}

    /** A protobuf message or Go struct. {@code goStruct}: names match case-insensitively, as encoding/json does. */
    public record Message(Map<String, Field> fields, boolean goStruct) implements Shape {
        Field find(String key) {
            for (Field f : fields.values()) {
                if (f.jsonName().equals(key) || key.equals(f.protoName())) {
                    return f;
                }
            }
            if (goStruct) {
                for (Field f : fields.values()) {
                    if (f.jsonName().equalsIgnoreCase(key)) {
                        return f;
                    }
                }
            }
            return null;
        }
    }

    /** A list of items of one shape. */
    public record ListOf(Shape item) implements Shape {}

    /** A single value; {@code goType} names it in the error for an object or a list. */
    public record Scalar(String goType) implements Shape {}

    /** A {@code google.protobuf.Duration}: jsonpb reads a JSON string with Go's {@code time.ParseDuration}. */
    public record DurationText() implements Shape {}

    /** An object kept as written: {@code map<string, string>}, {@code google.protobuf.Struct}. */
    public record Free() implements Shape {}

    /** Any JSON value kept as written ({@code apiextensionsv1.JSON}: a string, an object, ...). */
    public record AnyJson() implements Shape {}

    /** One field: its JSON name, its proto name when jsonpb also accepts that, and its shape. */
    public record Field(String jsonName, String protoName, Shape shape) {}

    public static final Shape STRING = new Scalar("string");
    public static final Shape UINT32 = new Scalar("uint32");
    public static final Shape BOOL = new Scalar("bool");
    public static final Shape NUMBER = new Scalar("float64");
    public static final Shape ENUM = new Scalar("enum");
    public static final Shape DURATION = new DurationText();
    public static final Shape MAP = new Free();
    public static final Shape STRUCT = new Free();
    public static final Shape ANY = new AnyJson();

    /** A target reference (api/common/v1alpha1/targetref.go @v2.14.3), shared by the targetRef policies. */
    public static final Message TARGET_REF = struct(
            f("kind", STRING),
            f("name", STRING),
            f("tags", MAP),
            f("mesh", STRING),
            f("proxyTypes", list(STRING)),
            f("namespace", STRING),
            f("labels", MAP),
            f("sectionName", STRING));

    private KnownFields() {}

    /** The body of {@code type} as Kuma decodes it: known fields only, under their JSON names. */
    static ObjectNode decode(ResourceTypeDescriptor type, ObjectNode spec) {
        try {
            return message(spec, type.fields());
        } catch (Mismatch m) {
            throw new InvalidResourceException("invalid " + type.name() + " object: " + goQuote(m.getMessage()));
        }
    }

    private static ObjectNode message(ObjectNode in, Message shape) {
        ObjectNode out = NODES.objectNode();
        in.properties().forEach(e -> {
            Field f = shape.find(e.getKey());
            if (f != null && !e.getValue().isNull()) {
                out.set(f.jsonName(), value(e.getValue(), f.shape()));
            }
        });
        return out;
    }

    private static JsonNode value(JsonNode v, Shape shape) {
        return switch (shape) {
            case Message m -> message(object(v), m);
            case Free ignored -> object(v).deepCopy();
            case AnyJson ignored -> v.deepCopy();
            case DurationText ignored -> {
                if (!v.isTextual()) {
                    throw new Mismatch("json: cannot unmarshal " + kind(v) + " into Go value of type string");
                }
                try {
                    GoDuration.parseNanos(v.textValue());
                } catch (GoDuration.Invalid e) {
                    throw new Mismatch("bad Duration: " + e.getMessage());
                }
                yield v;
            }
            case Scalar s -> {
                if (v.isContainerNode()) {
                    throw new Mismatch("json: cannot unmarshal " + kind(v) + " into Go value of type " + s.goType());
                }
                yield v;
            }
            case ListOf l -> {
                if (!v.isArray()) {
                    throw new Mismatch(
                            "json: cannot unmarshal " + kind(v) + " into Go value of type []json.RawMessage");
                }
                ArrayNode out = NODES.arrayNode();
                for (JsonNode item : v) {
                    out.add(l.item() instanceof Message && item.isNull() ? NODES.objectNode() : value(item, l.item()));
                }
                yield out;
            }
        };
    }

    private static ObjectNode object(JsonNode v) {
        if (!(v instanceof ObjectNode o)) {
            throw new Mismatch(
                    "json: cannot unmarshal " + kind(v) + " into Go value of type map[string]json.RawMessage");
        }
        return o;
    }

    /** Go's {@code %q} of a message: quotes, backslashes and control characters escaped. */
    private static String goQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"', '\\' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c < ' ' || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    /** encoding/json's name of a JSON value's kind. */
    private static String kind(JsonNode v) {
        if (v.isArray()) {
            return "array";
        }
        if (v.isObject()) {
            return "object";
        }
        return v.isTextual() ? "string" : v.isBoolean() ? "bool" : v.isNull() ? "null" : "number";
    }

    /** A field whose JSON name is {@code name}. */
    public static Field f(String name, Shape shape) {
        return new Field(name, null, shape);
    }

    /** A field jsonpb also reads under its proto name ({@code transparent_proxying}). */
    public static Field f(String jsonName, String protoName, Shape shape) {
        return new Field(jsonName, protoName, shape);
    }

    /** A protobuf message, decoded as jsonpb does. */
    public static Message proto(Field... fields) {
        return new Message(index(fields), false);
    }

    /** A Go struct, decoded as encoding/json does (names match case-insensitively). */
    public static Message struct(Field... fields) {
        return new Message(index(fields), true);
    }

    public static ListOf list(Shape item) {
        return new ListOf(item);
    }

    private static Map<String, Field> index(Field... fields) {
        Map<String, Field> m = new LinkedHashMap<>();
        for (Field f : fields) {
            m.put(f.jsonName().toLowerCase(Locale.ROOT), f);
        }
        return m;
    }

    /** A value of the wrong kind (a list where an object belongs, ...), in Go's words. */
    private static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }
}
