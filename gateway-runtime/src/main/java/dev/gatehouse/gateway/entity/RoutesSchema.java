package dev.gatehouse.gateway.entity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.expression.RouterFlavor;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.EntityCheck;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldPatch;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;

/**
 * The {@code routes} entity with its protocol subschemas (Kong's {@code routes.lua} and
 * {@code routes_subschemas.lua}), for each router flavor: {@code expressions} adds {@code expression} and
 * {@code priority}, accepts sources and destinations on HTTP routes, and checks a route's expression as Kong's
 * {@code validate_route} does.
 */
public final class RoutesSchema {

    /** The {@code traditional_compatible} flavor's schema (Kong's default). */
    public static final Schema SCHEMA = build(RouterFlavor.TRADITIONAL_COMPATIBLE);

    private static final Schema EXPRESSIONS_SCHEMA = build(RouterFlavor.EXPRESSIONS);

    private RoutesSchema() {}

    /** The schema Kong has under {@code router_flavor = flavor}. */
    public static Schema forFlavor(RouterFlavor flavor) {
        return flavor == RouterFlavor.EXPRESSIONS ? EXPRESSIONS_SCHEMA : SCHEMA;
    }

    private static Schema build(RouterFlavor flavor) {
        boolean expressions = flavor == RouterFlavor.EXPRESSIONS;
        Field headers = Typedefs.HEADERS
                .with()
                .keys(Typedefs.HEADER_NAME_FIELD
                        .with()
                        .matchNone(
                                "^[Hh][Oo][Ss][Tt]$",
                                "cannot contain 'host' header, which must be specified in the 'hosts'" + " attribute")
                        .build())
                .build();
        Schema.Builder b = Schema.builder("routes")
                .endpointKey("name")
                .subschemaKey("protocols")
                .field("id", Typedefs.UUID)
                .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
                .field("updated_at", Typedefs.AUTO_TIMESTAMP_S)
                .field("name", Typedefs.UTF8_NAME)
                .field(
                        "protocols",
                        Field.builder(FieldType.SET)
                                .lenMin(1)
                                .required(true)
                                .elements(Typedefs.PROTOCOL)
                                .mutuallyExclusiveSubsets(List.of(
                                        List.of("http", "https"),
                                        List.of("tcp", "tls", "udp"),
                                        List.of("tls_passthrough"),
                                        List.of("grpc", "grpcs")))
                                .defaultValue(Field.stringArray("http", "https"))
                                .description("An array of the protocols this Route should allow."))
                .field(
                        "https_redirect_status_code",
                        Field.integer()
                                .oneOf(426, 301, 302, 307, 308)
                                .defaultValue(426)
                                .required(true)
                                .description(
                                        "The status code Kong responds with when all properties of a Route match except the"
                                                + " protocol"))
                .field(
                        "strip_path",
                        Field.bool()
                                .required(true)
                                .defaultValue(true)
                                .description(
                                        "When matching a Route via one of the paths, strip the matching prefix from the upstream"
                                                + " request URL."))
                .field(
                        "preserve_host",
                        Field.bool()
                                .required(true)
                                .defaultValue(false)
                                .description(
                                        "When matching a Route via one of the hosts domain names, use the request Host header in"
                                                + " the upstream request headers."))
                .field(
                        "request_buffering",
                        Field.bool()
                                .required(true)
                                .defaultValue(true)
                                .description("Whether to enable request body buffering or not. With HTTP 1.1."))
                .field(
                        "response_buffering",
                        Field.bool()
                                .required(true)
                                .defaultValue(true)
                                .description("Whether to enable response body buffering or not."))
                .field("tags", Typedefs.TAGS)
                .field(
                        "service",
                        Field.builder(FieldType.FOREIGN)
                                .reference("services")
                                .description(
                                        "The Service this Route is associated to. This is where the Route proxies traffic to."))
                .field(
                        "snis",
                        Field.builder(FieldType.SET)
                                .elements(Typedefs.WILDCARD_HOST)
                                .description("A list of SNIs that match this Route."))
                .field("sources", Typedefs.SOURCES)
                .field("destinations", Typedefs.DESTINATIONS)
                .field("methods", Typedefs.METHODS)
                .field("hosts", Typedefs.HOSTS)
                .field("paths", Typedefs.ROUTER_PATHS)
                .field("headers", headers)
                .field(
                        "regex_priority",
                        Field.integer()
                                .defaultValue(0)
                                .description(
                                        "A number used to choose which route resolves a given request when several routes match"
                                                + " it using regexes simultaneously."))
                .field(
                        "path_handling",
                        Field.string()
                                .defaultValue("v0")
                                .oneOf("v0", "v1")
                                .description(
                                        "Controls how the Service path, Route path and requested path are combined when sending a"
                                                + " request to the upstream."));
        if (expressions) {
            b.field("expression", Field.string().description("The route expression."))
                    .field(
                            "priority",
                            Field.integer()
                                    .between(0, RouteExpressionCheck.MAX_PRIORITY)
                                    .required(true)
                                    .defaultValue(0)
                                    .description(
                                            "A number used to specify the matching order for expression routes. The"
                                                    + " higher the `priority`, the sooner an route will be evaluated. This field is"
                                                    + " ignored unless `expression` field is set."));
        }

        ObjectNode ifJson = Json.object();
        ObjectNode elements = ifJson.putObject("elements");
        elements.put("type", "string");
        var notOneOf = elements.putArray("not_one_of");
        List.of("grpcs", "https", "tls", "tls_passthrough").forEach(notOneOf::add);
        ObjectNode thenJson = Json.object();
        thenJson.put("len_eq", 0);
        b.entityCheck(new EntityCheck.Conditional(
                "protocols",
                new FieldPatch(
                        ifJson,
                        f -> f.elements(Field.string()
                                .notOneOf("grpcs", "https", "tls", "tls_passthrough")
                                .build())),
                "snis",
                new FieldPatch(thenJson, f -> f.lenEq(0)),
                "'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'"));
        // path_handling v1 only logs a deprecation in Kong; the check is kept for the /schemas shape.
        b.entityCheck(new EntityCheck.Custom(List.of("path_handling"), false, e -> null));
        if (expressions) {
            b.entityCheck(
                    new EntityCheck.Custom(RouteExpressionCheck.FIELD_SOURCES, true, RouteExpressionCheck::validate));
        }

        Schema http = httpSubschema(expressions);
        Schema stream = streamSubschema(expressions);
        Schema grpc = grpcSubschema(expressions);
        b.subschema("http", http)
                .subschema("https", http)
                .subschema("tcp", stream)
                .subschema("tls", stream)
                .subschema("udp", stream)
                .subschema("tls_passthrough", stream)
                .subschema("grpc", grpc)
                .subschema("grpcs", grpc);
        return b.build();
    }

    private static FieldPatch contains(String protocol) {
        ObjectNode j = Json.object();
        j.put("contains", protocol);
        return new FieldPatch(j, f -> f.contains(protocol));
    }

    private static FieldPatch elementsOneOf(String... protocols) {
        ObjectNode j = Json.object();
        ObjectNode el = j.putObject("elements");
        el.put("type", "string");
        var arr = el.putArray("one_of");
        for (String p : protocols) {
            arr.add(p);
        }
        return new FieldPatch(
                j, f -> f.elements(Field.string().oneOf((Object[]) protocols).build()));
    }

    private static Schema httpSubschema(boolean expressions) {
        Schema.Builder b = Schema.builder("http");
        if (!expressions) { // the expressions flavor accepts sources and destinations on HTTP routes
            b.field(
                            "sources",
                            Typedefs.none(
                                    Typedefs.SOURCES,
                                    "cannot set 'sources' when 'protocols' is 'http' or" + " 'https'",
                                    "A null value representing no sources."))
                    .field(
                            "destinations",
                            Typedefs.none(
                                    Typedefs.DESTINATIONS,
                                    "cannot set 'destinations' when 'protocols'" + " is 'http' or 'https'",
                                    "A null value representing no destinations."));
        }
        return b.entityCheck(new EntityCheck.ConditionalAtLeastOneOf(
                        "protocols",
                        contains("https"),
                        orExpression(expressions, "methods", "hosts", "headers", "paths", "snis"),
                        "must set one of %s when 'protocols' is 'https'",
                        contains("http"),
                        orExpression(expressions, "methods", "hosts", "headers", "paths"),
                        "must set one of %s when 'protocols' is 'http'"))
                .build();
    }

    /** The fields of an at-least-one-of check, and {@code expression} last in the expressions flavor. */
    private static List<String> orExpression(boolean expressions, String... fields) {
        List<String> out = new java.util.ArrayList<>(List.of(fields));
        if (expressions) {
            out.add("expression");
        }
        return out;
    }

    private static Schema streamSubschema(boolean expressions) {
        String err = " when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp'";
        return Schema.builder("tcp")
                .field(
                        "methods",
                        Typedefs.none(
                                Typedefs.METHODS,
                                "cannot set 'methods'" + err,
                                "A null value representing no methods."))
                .field(
                        "hosts",
                        Typedefs.none(
                                Typedefs.HOSTS, "cannot set 'hosts'" + err, "A null value representing no hosts."))
                .field(
                        "paths",
                        Typedefs.none(
                                Typedefs.ROUTER_PATHS,
                                "cannot set 'paths'" + err,
                                "A null value representing no router paths."))
                .field(
                        "headers",
                        Typedefs.none(
                                Typedefs.HEADERS,
                                "cannot set 'headers'" + err,
                                "A null value representing no headers."))
                .entityCheck(new EntityCheck.ConditionalAtLeastOneOf(
                        "protocols",
                        elementsOneOf("tcp", "tls", "udp"),
                        orExpression(expressions, "sources", "destinations", "snis"),
                        "must set one of %s when 'protocols' is 'tcp', 'tls' or" + " 'udp'",
                        null,
                        null,
                        null))
                .entityCheck(new EntityCheck.ConditionalAtLeastOneOf(
                        "protocols",
                        elementsOneOf("tls_passthrough"),
                        orExpression(expressions, "snis"),
                        "must set snis when 'protocols' is 'tls_passthrough'",
                        null,
                        null,
                        null))
                .build();
    }

    private static Schema grpcSubschema(boolean expressions) {
        Schema.Builder b = Schema.builder("grpc")
                .field(
                        "strip_path",
                        Field.bool()
                                .required(true)
                                .defaultValue(false)
                                .ne(true)
                                .err("cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'")
                                .description(
                                        "When matching a Route via one of the paths, strip the matching prefix from the upstream"
                                                + " request URL."))
                .field(
                        "methods",
                        Typedefs.none(
                                Typedefs.METHODS,
                                "cannot set 'methods' when 'protocols' is 'grpc' or" + " 'grpcs'",
                                "A null value representing no methods."));
        if (!expressions) {
            b.field(
                            "sources",
                            Typedefs.none(
                                    Typedefs.SOURCES,
                                    "cannot set 'sources' when 'protocols' is 'grpc' or" + " 'grpcs'",
                                    "A null value representing no sources."))
                    .field(
                            "destinations",
                            Typedefs.none(
                                    Typedefs.SOURCES,
                                    "cannot set 'destinations' when 'protocols' is" + " 'grpc' or 'grpcs'",
                                    "A null value representing no sources."));
        }
        return b.entityCheck(new EntityCheck.ConditionalAtLeastOneOf(
                        "protocols",
                        contains("grpcs"),
                        orExpression(expressions, "hosts", "headers", "paths", "snis"),
                        "must set one of %s when 'protocols' is 'grpcs'",
                        contains("grpc"),
                        orExpression(expressions, "hosts", "headers", "paths"),
                        "must set one of %s when 'protocols' is 'grpc'"))
                .build();
    }
}
