package dev.gatehouse.gateway.proxy.server;

import java.util.Locale;

/**
 * Kong's error bodies and their content type ({@code kong/tools/http.lua} {@code get_response_type},
 * {@code get_mime_type} and {@code ERROR_TEMPLATES}; {@code kong/error_handlers.lua} for nginx-level errors).
 */
final class KongErrors {

    static final String JSON = "application/json; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";
    static final String XML = "application/xml; charset=utf-8";
    static final String PLAIN = "text/plain; charset=utf-8";

    private KongErrors() {}

    /** Kong's default message of an error status ({@code get_http_error_message} in {@code kong/pdk/response.lua}). */
    static String defaultMessage(int status) {
        String m = MESSAGES.get(status);
        return m != null ? m : "The upstream server responded with " + status;
    }

    private static final java.util.Map<Integer, String> MESSAGES = java.util.Map.ofEntries(
            java.util.Map.entry(400, "Bad request"),
            java.util.Map.entry(401, "Unauthorized"),
            java.util.Map.entry(402, "Payment required"),
            java.util.Map.entry(403, "Forbidden"),
            java.util.Map.entry(404, "Not found"),
            java.util.Map.entry(405, "Method not allowed"),
            java.util.Map.entry(406, "Not acceptable"),
            java.util.Map.entry(407, "Proxy authentication required"),
            java.util.Map.entry(408, "Request timeout"),
            java.util.Map.entry(409, "Conflict"),
            java.util.Map.entry(410, "Gone"),
            java.util.Map.entry(411, "Length required"),
            java.util.Map.entry(412, "Precondition failed"),
            java.util.Map.entry(413, "Payload too large"),
            java.util.Map.entry(414, "URI too long"),
            java.util.Map.entry(415, "Unsupported media type"),
            java.util.Map.entry(416, "Range not satisfiable"),
            java.util.Map.entry(417, "Expectation failed"),
            java.util.Map.entry(418, "I'm a teapot"),
            java.util.Map.entry(421, "Misdirected request"),
            java.util.Map.entry(422, "Unprocessable entity"),
            java.util.Map.entry(423, "Locked"),
            java.util.Map.entry(424, "Failed dependency"),
            java.util.Map.entry(425, "Too early"),
            java.util.Map.entry(426, "Upgrade required"),
            java.util.Map.entry(428, "Precondition required"),
            java.util.Map.entry(429, "Too many requests"),
            java.util.Map.entry(431, "Request header fields too large"),
            java.util.Map.entry(451, "Unavailable for legal reasons"),
            java.util.Map.entry(494, "Request header or cookie too large"),
            java.util.Map.entry(500, "An unexpected error occurred"),
            java.util.Map.entry(501, "Not implemented"),
            java.util.Map.entry(502, "An invalid response was received from the upstream server"),
            java.util.Map.entry(503, "The upstream server is currently unavailable"),
            java.util.Map.entry(504, "The upstream server is timing out"),
            java.util.Map.entry(505, "HTTP version not supported"),
            java.util.Map.entry(506, "Variant also negotiates"),
            java.util.Map.entry(507, "Insufficient storage"),
            java.util.Map.entry(508, "Loop detected"),
            java.util.Map.entry(510, "Not extended"),
            java.util.Map.entry(511, "Network authentication required"));

    /** {@code get_response_type(accept)}: the highest-q media range of Accept, JSON by default. */
    static String responseType(String accept) {
        String type = JSON;
        if (accept == null) {
            return type;
        }
        double max = 0;
        for (String part : accept.split(",")) {
            String value = part.strip();
            int semi = value.indexOf(';');
            String media = (semi < 0 ? value : value.substring(0, semi)).strip();
            if (!validMediaRange(media)) {
                continue;
            }
            double q = 1;
            if (semi >= 0) {
                for (String param : value.substring(semi + 1).split(";")) {
                    String p = param.strip();
                    if (p.length() > 1
                            && (p.charAt(0) == 'q' || p.charAt(0) == 'Q')
                            && p.substring(1).strip().startsWith("=")) {
                        try {
                            q = Double.parseDouble(
                                    p.substring(p.indexOf('=') + 1).strip());
                        } catch (NumberFormatException e) {
                            q = -1;
                        }
                    }
                }
            }
            if (q > max) {
                max = q;
                type = mimeType(media);
            }
        }
        return type;
    }

    /** {@code get_mime_type(media_type)} with the JSON default. */
    static String mimeType(String media) {
        String m = media.toLowerCase(Locale.ROOT);
        int slash = m.indexOf('/');
        String major = m.substring(0, slash);
        String minor = m.substring(slash + 1);
        if (minor.equals("*")) {
            return switch (major) {
                case "text" -> PLAIN;
                default -> JSON; // */* and application/*
            };
        }
        return switch (m) {
            case "text/html" -> HTML;
            case "application/json" -> JSON;
            case "text/plain" -> PLAIN;
            case "application/xml" -> XML;
            default -> JSON;
        };
    }

    private static boolean validMediaRange(String media) {
        int slash = media.indexOf('/');
        return slash > 0
                && slash < media.length() - 1
                && media.indexOf('/', slash + 1) < 0
                && media.chars().noneMatch(Character::isWhitespace);
    }

    /**
     * The type nginx-level errors (502, 504) use ({@code error_handlers.lua}): from Accept, else Content-Type, else
     * Kong's {@code error_default_type} ({@code text/plain}).
     */
    static String errorHandlerType(String accept, String contentType) {
        if (accept != null) {
            return responseType(accept);
        }
        if (contentType != null) {
            return responseType(contentType);
        }
        return PLAIN; // what responseType("text/plain") gives
    }

    /** The error body for a content type. */
    static String body(String type, String message, String requestId) {
        String rid = requestId == null ? "" : requestId;
        return switch (type) {
            case HTML ->
                "<!doctype html>\n<html>\n  <head>\n    <meta charset=\"utf-8\">\n    <title>Error</title>\n"
                        + "  </head>\n  <body>\n    <h1>Error</h1>\n    <p>" + message + ".</p>\n    <p>request_id: "
                        + rid
                        + "</p>\n  </body>\n</html>\n";
            case XML ->
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error>\n  <message>" + message
                        + "</message>\n  <requestid>" + rid + "</requestid>\n</error>\n";
            case PLAIN -> message + "\nrequest_id: " + rid + "\n";
            default -> "{\n  \"message\":\"" + message + "\",\n  \"request_id\":\"" + rid + "\"\n}";
        };
    }
}
