package dev.gatehouse.gateway.upstream.balance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.proxy.Balancer;

/** One of an upstream's {@code hash_on} / {@code hash_fallback} settings with its parameter (header, cookie...). */
record HashOn(String kind, String parameter) {

    static HashOn primary(JsonNode u) {
        String kind = u.path("hash_on").asText("none");
        return new HashOn(kind, parameter(u, kind, "hash_on_header", "hash_on_query_arg", "hash_on_uri_capture"));
    }

    static HashOn fallback(JsonNode u) {
        String kind = u.path("hash_fallback").asText("none");
        return new HashOn(
                kind,
                parameter(u, kind, "hash_fallback_header", "hash_fallback_query_arg", "hash_fallback_uri_capture"));
    }

    private static String parameter(JsonNode u, String kind, String header, String queryArg, String capture) {
        return switch (kind) {
            case "header" -> u.path(header).asText(null);
            case "cookie" -> u.path("hash_on_cookie").asText(null);
            case "query_arg" -> u.path(queryArg).asText(null);
            case "uri_capture" -> u.path(capture).asText(null);
            default -> null;
        };
    }

    /** Kong's {@code get_value_to_hash} for this setting; null or empty means "try the fallback". */
    String value(Balancer.HashInput in) {
        return switch (kind) {
            case "consumer" -> in.consumerId();
            case "ip" -> in.clientIp();
            case "header" -> in.header(parameter);
            case "cookie" -> in.cookie(parameter);
            case "path" -> in.path();
            case "query_arg" -> in.queryArg(parameter);
            case "uri_capture" -> in.uriCapture(parameter);
            default -> null;
        };
    }
}
