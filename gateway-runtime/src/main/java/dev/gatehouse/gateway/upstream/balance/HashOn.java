package dev.gatehouse.gateway.upstream.balance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.proxy.Balancer;
import java.util.UUID;

/** One of an upstream's {@code hash_on} / {@code hash_fallback} settings with its parameter (header, cookie...). */
record HashOn(String kind, String parameter, String cookiePath) {

    static HashOn primary(JsonNode u) {
        String kind = u.path("hash_on").asText("none");
        return new HashOn(
                kind,
                parameter(u, kind, "hash_on_header", "hash_on_query_arg", "hash_on_uri_capture"),
                u.path("hash_on_cookie_path").asText("/"));
    }

    static HashOn fallback(JsonNode u) {
        String kind = u.path("hash_fallback").asText("none");
        return new HashOn(
                kind,
                parameter(u, kind, "hash_fallback_header", "hash_fallback_query_arg", "hash_fallback_uri_capture"),
                u.path("hash_on_cookie_path").asText("/"));
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

    /** The cookie's value; without one, a new random value that the response sets (kong/runloop/balancer/init.lua). */
    private String cookie(Balancer.HashInput in) {
        String v = in.cookie(parameter);
        if (v == null) {
            v = UUID.randomUUID().toString();
            in.hashCookie(parameter, v, cookiePath);
        }
        return v;
    }

    /** Kong's {@code get_value_to_hash} for this setting; null or empty means "try the fallback". */
    String value(Balancer.HashInput in) {
        return switch (kind) {
            case "consumer" -> in.consumerId();
            case "ip" -> in.clientIp();
            case "header" -> in.header(parameter);
            case "cookie" -> cookie(in);
            case "path" -> in.path();
            case "query_arg" -> in.queryArg(parameter);
            case "uri_capture" -> in.uriCapture(parameter);
            default -> null;
        };
    }
}
