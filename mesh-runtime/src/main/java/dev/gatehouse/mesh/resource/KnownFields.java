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
 * The fields of each resource body as Kuma 2.14.3 defines them, and the decoding Kuma applies to a REST body:
 * legacy types go through jsonpb with {@code AllowUnknownFields} (pkg/util/proto/proto.go {@code FromJSON}), new
 * policies through encoding/json into Go structs; both drop unknown fields, so they are neither stored nor echoed.
 * jsonpb also takes a field's proto name ({@code transparent_proxying}) for its JSON name, ignores nulls, decodes a
 * null list item of a message type as an empty message, and refuses a body whose objects and lists are swapped.
 * Sources: api/mesh/v1alpha1/{mesh,metrics,dataplane,envoy_admin,traffic_permission,selector}.proto and
 * pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/meshtrafficpermission.go, api/common/v1alpha1/{targetref,match}.go.
 */
final class KnownFields {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a field holds. */
    private sealed interface Shape permits Message, ListOf, Scalar, Free {
    }

    /** A protobuf message or Go struct. {@code goStruct}: names match case-insensitively, as encoding/json does. */
    private record Message(Map<String, Field> fields, boolean goStruct) implements Shape {
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

    private record ListOf(Shape item) implements Shape {
    }

    /** A single value; {@code goType} names it in the error for an object or a list. */
    private record Scalar(String goType) implements Shape {
    }

    /** An object kept as written: {@code map<string, string>}, {@code google.protobuf.Struct}. */
    private record Free() implements Shape {
    }

    private record Field(String jsonName, String protoName, Shape shape) {
    }

    private static final Shape STRING = new Scalar("string");
    private static final Shape UINT32 = new Scalar("uint32");
    private static final Shape BOOL = new Scalar("bool");
    private static final Shape NUMBER = new Scalar("float64");
    private static final Shape ENUM = new Scalar("enum");
    private static final Shape DURATION = new Scalar("Duration");
    private static final Shape MAP = new Free();
    private static final Shape STRUCT = new Free();

    private static final Message CA_BACKEND = proto(
            f("name", STRING), f("type", STRING),
            f("dpCert", proto(f("rotation", proto(f("expiration", STRING))), f("requestTimeout", DURATION))),
            f("conf", STRUCT), f("mode", ENUM), f("rootChain", proto(f("requestTimeout", DURATION))));
    private static final Message MESH = proto(
            f("mtls", proto(f("enabledBackend", STRING), f("backends", list(CA_BACKEND)), f("skipValidation", BOOL))),
            f("tracing", proto(f("defaultBackend", STRING), f("backends", list(proto(
                    f("name", STRING), f("sampling", NUMBER), f("type", STRING), f("conf", STRUCT)))))),
            f("logging", proto(f("defaultBackend", STRING), f("backends", list(proto(
                    f("name", STRING), f("format", STRING), f("type", STRING), f("conf", STRUCT)))))),
            f("metrics", proto(f("enabledBackend", STRING), f("backends", list(proto(
                    f("name", STRING), f("type", STRING), f("conf", STRUCT)))))),
            f("networking", proto(f("outbound", proto(f("passthrough", BOOL))))),
            f("routing", proto(f("localityAwareLoadBalancing", BOOL), f("zoneEgress", BOOL),
                    f("defaultForbidMeshExternalServiceAccess", BOOL))),
            f("constraints", proto(f("dataplaneProxy", proto(
                    f("requirements", list(proto(f("tags", MAP)))), f("restrictions", list(proto(f("tags", MAP)))))))),
            f("skipCreatingInitialPolicies", list(STRING)),
            f("meshServices", proto(f("mode", ENUM))));
    private static final Message DATAPLANE = proto(
            f("networking", proto(
                    f("address", STRING), f("advertisedAddress", STRING),
                    f("inbound", list(proto(
                            f("port", UINT32), f("servicePort", UINT32), f("serviceAddress", STRING), f("address", STRING),
                            f("tags", MAP), f("health", proto(f("ready", BOOL))),
                            f("serviceProbe", proto(f("interval", DURATION), f("timeout", DURATION),
                                    f("unhealthyThreshold", "unhealthy_threshold", UINT32),
                                    f("healthyThreshold", "healthy_threshold", UINT32), f("tcp", proto()))),
                            f("state", ENUM), f("name", STRING), f("protocol", STRING)))),
                    f("outbound", list(proto(f("address", STRING), f("port", UINT32), f("tags", MAP),
                            f("backendRef", proto(f("kind", STRING), f("name", STRING), f("port", UINT32), f("labels", MAP)))))),
                    f("gateway", proto(f("tags", MAP), f("type", ENUM))),
                    f("transparentProxying", "transparent_proxying", proto(
                            f("redirectPortInbound", "redirect_port_inbound", UINT32),
                            f("redirectPortOutbound", "redirect_port_outbound", UINT32),
                            f("directAccessServices", "direct_access_services", list(STRING)),
                            f("reachableServices", "reachable_services", list(STRING)),
                            f("ipFamilyMode", "ip_family_mode", ENUM),
                            f("reachableBackends", "reachable_backends", proto(f("refs", list(proto(
                                    f("kind", STRING), f("name", STRING), f("namespace", STRING), f("port", UINT32),
                                    f("labels", MAP)))))))),
                    f("admin", proto(f("port", UINT32))),
                    f("listeners", list(proto(f("type", ENUM), f("address", STRING), f("port", UINT32), f("name", STRING),
                            f("state", ENUM)))))),
            f("metrics", proto(f("name", STRING), f("type", STRING), f("conf", STRUCT))),
            f("probes", proto(f("port", UINT32), f("endpoints", list(proto(
                    f("inboundPort", "inbound_port", UINT32), f("inboundPath", "inbound_path", STRING), f("path", STRING)))))));
    private static final Message SELECTOR = proto(f("match", MAP));
    private static final Message TRAFFIC_PERMISSION = proto(f("sources", list(SELECTOR)), f("destinations", list(SELECTOR)));
    private static final Message TARGET_REF = struct(f("kind", STRING), f("name", STRING), f("tags", MAP), f("mesh", STRING),
            f("proxyTypes", list(STRING)), f("namespace", STRING), f("labels", MAP), f("sectionName", STRING));
    private static final Message MATCHES = struct(f("spiffeID", struct(f("type", STRING), f("value", STRING))),
            f("sni", struct(f("type", STRING), f("value", STRING))));
    private static final Message MESH_TRAFFIC_PERMISSION = struct(
            f("targetRef", TARGET_REF),
            f("from", list(struct(f("targetRef", TARGET_REF), f("default", struct(f("action", STRING)))))),
            f("rules", list(struct(f("default", struct(
                    f("deny", list(MATCHES)), f("allowWithShadowDeny", list(MATCHES)), f("allow", list(MATCHES))))))));

    private KnownFields() {
    }

    /** The body of {@code type} as Kuma decodes it: known fields only, under their JSON names. */
    static ObjectNode decode(ResourceType type, ObjectNode spec) {
        Message shape = switch (type) {
            case MESH -> MESH;
            case DATAPLANE -> DATAPLANE;
            case TRAFFIC_PERMISSION -> TRAFFIC_PERMISSION;
            case MESH_TRAFFIC_PERMISSION -> MESH_TRAFFIC_PERMISSION;
        };
        try {
            return message(spec, shape);
        } catch (Mismatch m) {
            throw new InvalidResourceException("invalid " + type.kumaName() + " object: \"" + m.getMessage() + "\"");
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
            case Scalar s -> {
                if (v.isContainerNode()) {
                    throw new Mismatch("json: cannot unmarshal " + kind(v) + " into Go value of type " + s.goType());
                }
                yield v;
            }
            case ListOf l -> {
                if (!v.isArray()) {
                    throw new Mismatch("json: cannot unmarshal " + kind(v) + " into Go value of type []json.RawMessage");
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
            throw new Mismatch("json: cannot unmarshal " + kind(v) + " into Go value of type map[string]json.RawMessage");
        }
        return o;
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

    private static Field f(String name, Shape shape) {
        return new Field(name, null, shape);
    }

    private static Field f(String jsonName, String protoName, Shape shape) {
        return new Field(jsonName, protoName, shape);
    }

    private static Message proto(Field... fields) {
        return new Message(index(fields), false);
    }

    private static Message struct(Field... fields) {
        return new Message(index(fields), true);
    }

    private static ListOf list(Shape item) {
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
