package dev.gatehouse.gateway.expression;

import java.util.Map;

/**
 * The fields an expression may name and their types, per subsystem (Kong's {@code kong/router/fields.lua}
 * {@code HTTP_FIELDS} and {@code STREAM_FIELDS}). A name ending in {@code .*} stands for one more name component, as
 * atc-router's {@code schema.rs} {@code type_of} reads it: {@code http.headers.x_id} is a string field,
 * {@code http.headers.a.b} is unknown.
 */
public final class FieldSchema {

    /** The fields of HTTP routes (protocols http, https, grpc, grpcs). */
    public static final FieldSchema HTTP = new FieldSchema(Map.ofEntries(
            Map.entry("net.protocol", AtcType.STRING),
            Map.entry("tls.sni", AtcType.STRING),
            Map.entry("http.method", AtcType.STRING),
            Map.entry("http.host", AtcType.STRING),
            Map.entry("http.path", AtcType.STRING),
            Map.entry("http.path.segments.*", AtcType.STRING),
            Map.entry("http.headers.*", AtcType.STRING),
            Map.entry("http.queries.*", AtcType.STRING),
            Map.entry("net.src.port", AtcType.INT),
            Map.entry("net.dst.port", AtcType.INT),
            Map.entry("http.path.segments.len", AtcType.INT),
            Map.entry("net.src.ip", AtcType.IP_ADDR),
            Map.entry("net.dst.ip", AtcType.IP_ADDR)));

    /** The fields of stream routes (tcp, tls, udp, tls_passthrough). */
    public static final FieldSchema STREAM = new FieldSchema(Map.of(
            "net.protocol", AtcType.STRING,
            "tls.sni", AtcType.STRING,
            "net.src.port", AtcType.INT,
            "net.dst.port", AtcType.INT,
            "net.src.ip", AtcType.IP_ADDR,
            "net.dst.ip", AtcType.IP_ADDR));

    private final Map<String, AtcType> fields;

    private FieldSchema(Map<String, AtcType> fields) {
        this.fields = fields;
    }

    /** The field's type, or null when the schema has no such field. */
    public AtcType typeOf(String field) {
        AtcType t = fields.get(field);
        if (t != null) {
            return t;
        }
        int dot = field.lastIndexOf('.');
        return dot < 0 ? null : fields.get(field.substring(0, dot) + ".*");
    }
}
