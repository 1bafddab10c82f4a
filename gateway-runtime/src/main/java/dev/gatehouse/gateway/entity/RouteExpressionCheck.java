package dev.gatehouse.gateway.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.expression.ExpressionCheck;
import dev.gatehouse.gateway.expression.ExpressionParser;
import dev.gatehouse.gateway.expression.FieldSchema;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kong's {@code validate_route} for the {@code expressions} flavor ({@code kong/db/schema/entities/routes.lua}): a
 * route has either an expression or the traditional matching fields, {@code regex_priority} only without an
 * expression and {@code priority} only with one, and its expression parses and type-checks against the fields of
 * its first protocol's subsystem. Messages are Kong's, atc-router's own text after the prefix.
 */
final class RouteExpressionCheck {

    /** The largest {@code priority}: 2^46 - 1. */
    static final long MAX_PRIORITY = (1L << 46) - 1;

    static final List<String> FIELD_SOURCES = List.of(
            "id",
            "protocols",
            "snis",
            "sources",
            "destinations",
            "methods",
            "hosts",
            "paths",
            "headers",
            "expression",
            "regex_priority",
            "priority");

    private static final String PREFIX = "Router Expression failed validation: ";
    private static final String OTHERS =
            "'methods', 'hosts', 'paths', 'headers', 'snis', 'sources' or 'destinations' simultaneously";
    private static final Pattern SEGMENTS_SUFFIX = Pattern.compile("^(0|[1-9]\\d*)(_([1-9]\\d*))?$");
    private static final String SEGMENTS = "http.path.segments.";

    private RouteExpressionCheck() {}

    /** Null when valid, else the entity-level message. */
    static String validate(ObjectNode route) {
        JsonNode expression = route.get("expression");
        boolean expressionEmpty = expression == null || expression.isNull();
        boolean othersEmpty =
                List.of("snis", "sources", "destinations", "methods", "hosts", "paths", "headers").stream()
                        .allMatch(f -> empty(route.get(f)));
        if (expressionEmpty && othersEmpty) {
            return null;
        }
        if (!expressionEmpty && !othersEmpty) {
            return PREFIX + "cannot set 'expression' with " + OTHERS;
        }
        if (!expressionEmpty && route.path("regex_priority").asLong(0) != 0) {
            return PREFIX + "cannot set 'regex_priority' with 'expression' simultaneously";
        }
        if (!othersEmpty && route.path("priority").asLong(0) != 0) {
            return PREFIX + "cannot set 'priority' with " + OTHERS;
        }
        if (expressionEmpty) {
            return null; // a traditional route: its fields are checked by their own schemas
        }
        try {
            Set<String> fields = ExpressionCheck.fields(
                    ExpressionParser.parseRouteExpression(expression.asText()), schemaOf(route.get("protocols")));
            for (String f : fields) {
                if (f.startsWith(SEGMENTS)) {
                    String suffix = f.substring(SEGMENTS.length());
                    Matcher m = SEGMENTS_SUFFIX.matcher(suffix);
                    boolean wellFormed = suffix.equals("len")
                            || (m.matches()
                                    && (m.group(2) == null || Long.parseLong(m.group(1)) < Long.parseLong(m.group(3))));
                    if (!wellFormed) {
                        return PREFIX + "illformed http.path.segments.* field";
                    }
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return PREFIX + e.getMessage();
        }
    }

    /** Kong's {@code atc.schema(protocols)}: the first protocol decides the subsystem. */
    private static FieldSchema schemaOf(JsonNode protocols) {
        String first = protocols != null && protocols.isArray() && !protocols.isEmpty()
                ? protocols.get(0).asText()
                : "http";
        return switch (first) {
            case "tcp", "tls", "udp", "tls_passthrough" -> FieldSchema.STREAM;
            default -> FieldSchema.HTTP;
        };
    }

    private static boolean empty(JsonNode n) {
        return n == null || n.isNull() || (n.isContainerNode() && n.isEmpty());
    }
}
