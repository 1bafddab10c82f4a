package dev.gatehouse.gateway.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.EntityCheck;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldPatch;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Shorthand;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;

/** The {@code upstreams} entity (Kong's {@code kong/db/schema/entities/upstreams.lua}). */
public final class UpstreamsSchema {

    static final List<String> HASH_ON =
            List.of("none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture");

    private static final Field HASH_ON_FIELD =
            Field.string().defaultValue("none").oneOf(HASH_ON.toArray()).build();
    private static final Field SIMPLE_PARAM = Field.string().lenMin(1).build();

    public static final Schema SCHEMA = build();

    private UpstreamsSchema() {}

    private static Schema build() {
        Schema.Builder b = Schema.builder("upstreams")
                .endpointKey("name")
                .field("id", Typedefs.UUID)
                .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
                .field(
                        "name",
                        Field.string()
                                .required(true)
                                .unique()
                                .customValidator(v -> Typedefs.validateUpstreamName(v.textValue()))
                                .description("This is a hostname, which must be equal to the host of a Service."))
                .field("updated_at", Typedefs.AUTO_TIMESTAMP_S)
                .field(
                        "algorithm",
                        Field.string()
                                .defaultValue("round-robin")
                                .oneOf("consistent-hashing", "least-connections", "round-robin", "latency")
                                .description("Which load balancing algorithm to use."))
                .field("hash_on", HASH_ON_FIELD)
                .field("hash_fallback", HASH_ON_FIELD)
                .field("hash_on_header", Typedefs.HEADER_NAME_FIELD)
                .field("hash_fallback_header", Typedefs.HEADER_NAME_FIELD)
                .field(
                        "hash_on_cookie",
                        Typedefs.COOKIE_NAME
                                .with()
                                .description("The cookie name to take the value from as hash input."))
                .field("hash_on_cookie_path", Typedefs.PATH.with().defaultValue("/"))
                .field("hash_on_query_arg", SIMPLE_PARAM)
                .field("hash_fallback_query_arg", SIMPLE_PARAM)
                .field("hash_on_uri_capture", SIMPLE_PARAM)
                .field("hash_fallback_uri_capture", SIMPLE_PARAM)
                .field(
                        "slots",
                        Field.integer()
                                .defaultValue(10000)
                                .between(10, 65536)
                                .description("The number of slots in the load balancer algorithm."))
                .field(
                        "healthchecks",
                        Field.record(Healthchecks.fields())
                                .defaultValue(Healthchecks.defaults())
                                .description("The array of healthchecks."))
                .field("tags", Typedefs.TAGS)
                .field("host_header", Typedefs.HOST_WITH_OPTIONAL_PORT)
                .field(
                        "client_certificate",
                        Field.builder(FieldType.FOREIGN)
                                .reference("certificates")
                                .description(
                                        "If set, the certificate to be used as client certificate while TLS handshaking"
                                                + " to the upstream server."))
                .field(
                        "use_srv_name",
                        Field.bool().defaultValue(false).description("If set, the balancer will use SRV hostname."));

        required(b, "hash_on", "header", "hash_on_header");
        required(b, "hash_fallback", "header", "hash_fallback_header");
        required(b, "hash_on", "cookie", "hash_on_cookie");
        required(b, "hash_fallback", "cookie", "hash_on_cookie");
        fallbackOneOf(b, "none", "none");
        fallbackOneOf(b, "cookie", "none");
        fallbackOneOf(b, "consumer", "none", "ip", "header", "cookie", "path", "query_arg", "uri_capture");
        fallbackOneOf(b, "ip", "none", "consumer", "header", "cookie", "path", "query_arg", "uri_capture");
        fallbackOneOf(b, "path", "none", "consumer", "header", "cookie", "query_arg", "ip", "uri_capture");
        b.entityCheck(new EntityCheck.Distinct(List.of("hash_on_header", "hash_fallback_header")));
        required(b, "hash_on", "query_arg", "hash_on_query_arg");
        required(b, "hash_fallback", "query_arg", "hash_fallback_query_arg");
        b.entityCheck(new EntityCheck.Distinct(List.of("hash_on_query_arg", "hash_fallback_query_arg")));
        required(b, "hash_on", "uri_capture", "hash_on_uri_capture");
        required(b, "hash_fallback", "uri_capture", "hash_fallback_uri_capture");
        b.entityCheck(new EntityCheck.Distinct(List.of("hash_on_uri_capture", "hash_fallback_uri_capture")));

        // Kong's backward-compatibility shorthands: least-connections and latency clear hash_on, and a hash_on
        // other than none selects consistent-hashing (and none round-robin), in the Admin API and declaratively.
        b.shorthand(new Shorthand("algorithm", Field.string().build(), UpstreamsSchema::expandAlgorithm));
        b.shorthand(new Shorthand("hash_on", Field.string().build(), UpstreamsSchema::expandHashOn));
        return b.build();
    }

    private static ObjectNode expandAlgorithm(JsonNode value) {
        ObjectNode out = Json.object();
        out.set("algorithm", value);
        if (value.isTextual()
                && (value.textValue().equals("least-connections")
                        || value.textValue().equals("latency"))) {
            out.putNull("hash_on");
        }
        return out;
    }

    private static ObjectNode expandHashOn(JsonNode value) {
        ObjectNode out = Json.object();
        if (value.isNull()) {
            out.put("hash_on", "none");
        } else if (value.isTextual() && value.textValue().equals("none")) {
            out.set("hash_on", value);
            out.put("algorithm", "round-robin");
        } else {
            out.set("hash_on", value);
            out.put("algorithm", "consistent-hashing");
        }
        return out;
    }

    private static FieldPatch match(String value) {
        ObjectNode j = Json.object();
        j.put("match", "^" + value + "$");
        return new FieldPatch(j, f -> f.match("^" + value + "$"));
    }

    private static void required(Schema.Builder b, String ifField, String value, String thenField) {
        b.entityCheck(new EntityCheck.Conditional(ifField, match(value), thenField, FieldPatch.required(), null));
    }

    private static void fallbackOneOf(Schema.Builder b, String hashOn, String... allowed) {
        ObjectNode j = Json.object();
        ArrayNode a = j.putArray("one_of");
        for (String s : allowed) {
            a.add(s);
        }
        FieldPatch then = new FieldPatch(j, f -> f.oneOf((Object[]) allowed));
        b.entityCheck(new EntityCheck.Conditional("hash_on", match(hashOn), "hash_fallback", then, null));
    }

    /** The {@code healthchecks} record: Kong generates its fields and defaults from one table of defaults. */
    static final class Healthchecks {

        private static final Field SECONDS =
                Field.builder(FieldType.NUMBER).between(0, 65535).build();
        private static final Field ONE_BYTE = Field.integer().between(0, 255).build();
        private static final Field STATUSES = Field.builder(FieldType.ARRAY)
                .elements(Field.integer().between(100, 999).build())
                .build();
        private static final Field CHECK_TYPE = Field.string()
                .oneOf("tcp", "http", "https", "grpc", "grpcs")
                .defaultValue("http")
                .build();

        private Healthchecks() {}

        static List<NamedField> fields() {
            return List.of(
                    NamedField.of("active", record(activeFields(), defaults().get("active"))),
                    NamedField.of("passive", record(passiveFields(), defaults().get("passive"))),
                    NamedField.of(
                            "threshold",
                            Field.builder(FieldType.NUMBER)
                                    .defaultValue(0)
                                    .between(0, 100)
                                    .build()));
        }

        private static Field record(List<NamedField> fields, JsonNode defaults) {
            return Field.record(fields).defaultValue(defaults).build();
        }

        private static List<NamedField> activeFields() {
            JsonNode d = defaults().get("active");
            return List.of(
                    NamedField.of("type", CHECK_TYPE),
                    NamedField.of("timeout", SECONDS.with().defaultValue(1).build()),
                    NamedField.of(
                            "concurrency",
                            Field.integer()
                                    .between(1, 2147483648L)
                                    .defaultValue(10)
                                    .build()),
                    NamedField.of(
                            "http_path", Typedefs.PATH.with().defaultValue("/").build()),
                    NamedField.of(
                            "https_sni", Typedefs.SNI.with().required(false).build()),
                    NamedField.of(
                            "https_verify_certificate",
                            Field.bool().defaultValue(true).required(true).build()),
                    NamedField.of(
                            "headers", Typedefs.HEADERS.with().required(false).build()),
                    NamedField.of(
                            "healthy",
                            record(
                                    List.of(
                                            NamedField.of(
                                                    "interval",
                                                    SECONDS.with()
                                                            .defaultValue(0)
                                                            .build()),
                                            NamedField.of("http_statuses", statuses(200, 302)),
                                            counter("successes")),
                                    d.get("healthy"))),
                    NamedField.of(
                            "unhealthy",
                            record(
                                    List.of(
                                            NamedField.of(
                                                    "interval",
                                                    SECONDS.with()
                                                            .defaultValue(0)
                                                            .build()),
                                            NamedField.of(
                                                    "http_statuses", statuses(429, 404, 500, 501, 502, 503, 504, 505)),
                                            counter("tcp_failures"),
                                            counter("timeouts"),
                                            counter("http_failures")),
                                    d.get("unhealthy"))));
        }

        /** A health counter threshold (Kong's one_byte_integer, default 0: the check of that kind is off). */
        private static NamedField counter(String name) {
            return NamedField.of(name, ONE_BYTE.with().defaultValue(0).build());
        }

        private static List<NamedField> passiveFields() {
            JsonNode d = defaults().get("passive");
            return List.of(
                    NamedField.of("type", CHECK_TYPE),
                    NamedField.of(
                            "healthy",
                            record(
                                    List.of(
                                            NamedField.of("http_statuses", statuses(PASSIVE_HEALTHY)),
                                            counter("successes")),
                                    d.get("healthy"))),
                    NamedField.of(
                            "unhealthy",
                            record(
                                    List.of(
                                            NamedField.of("http_statuses", statuses(429, 500, 503)),
                                            counter("tcp_failures"),
                                            counter("timeouts"),
                                            counter("http_failures")),
                                    d.get("unhealthy"))));
        }

        private static final int[] PASSIVE_HEALTHY = {
            200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308
        };

        private static Field statuses(int... codes) {
            return STATUSES.with().defaultValue(ints(codes)).build();
        }

        private static ArrayNode ints(int... codes) {
            ArrayNode a = Json.array();
            for (int c : codes) {
                a.add(c);
            }
            return a;
        }

        /** Kong's {@code healthchecks_defaults}, as {@code GET /upstreams/{id}} shows them (unset fields as null). */
        static ObjectNode defaults() {
            ObjectNode hc = Json.object();
            ObjectNode active = hc.putObject("active");
            active.put("type", "http");
            active.put("timeout", 1);
            active.put("concurrency", 10);
            active.put("http_path", "/");
            active.putNull("https_sni");
            active.put("https_verify_certificate", true);
            active.putNull("headers");
            ObjectNode ah = active.putObject("healthy");
            ah.put("interval", 0);
            ah.set("http_statuses", ints(200, 302));
            ah.put("successes", 0);
            ObjectNode au = active.putObject("unhealthy");
            au.put("interval", 0);
            au.set("http_statuses", ints(429, 404, 500, 501, 502, 503, 504, 505));
            au.put("tcp_failures", 0);
            au.put("timeouts", 0);
            au.put("http_failures", 0);
            ObjectNode passive = hc.putObject("passive");
            passive.put("type", "http");
            ObjectNode ph = passive.putObject("healthy");
            ph.set("http_statuses", ints(PASSIVE_HEALTHY));
            ph.put("successes", 0);
            ObjectNode pu = passive.putObject("unhealthy");
            pu.set("http_statuses", ints(429, 500, 503));
            pu.put("tcp_failures", 0);
            pu.put("timeouts", 0);
            pu.put("http_failures", 0);
            hc.put("threshold", 0);
            return hc;
        }
    }
}
