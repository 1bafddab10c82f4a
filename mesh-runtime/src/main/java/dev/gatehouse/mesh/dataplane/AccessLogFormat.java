package dev.gatehouse.mesh.dataplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MeshAccessLog backend's {@code format}, compiled once and rendered per record on the sender's thread: Envoy
 * command operators ({@code %START_TIME%}, {@code %REQ(X?Y):Z%}, ...) and Kuma's {@code %KUMA_*%} values substituted.
 * As in Envoy, a value that is not available is {@code -} in a plain line and {@code null} in JSON (left out with
 * {@code omitEmptyValues}); a JSON value that is exactly one numeric operator is a JSON number; an operator Gatehouse
 * does not know renders as a missing value.
 */
final class AccessLogFormat {
    /**
     * Kuma's default formats when a backend has none: {@code defaultNetworkAccessLogFormat} and
     * {@code defaultHttpAccessLogFormat} of pkg/plugins/policies/meshaccesslog/plugin/xds/configurer.go @v2.14.3.
     */
    static final String DEFAULT_TCP = "[%START_TIME%] %RESPONSE_FLAGS% %KUMA_MESH% %KUMA_SOURCE_ADDRESS_WITHOUT_PORT%"
            + "(%KUMA_SOURCE_SERVICE%)->%UPSTREAM_HOST%(%KUMA_DESTINATION_SERVICE%) took %DURATION%ms, sent %BYTES_SENT%"
            + " bytes, received: %BYTES_RECEIVED% bytes";

    static final String DEFAULT_HTTP = "[%START_TIME%] %KUMA_MESH% \"%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%"
            + " %PROTOCOL%\" %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION%"
            + " %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% \"%REQ(X-FORWARDED-FOR)%\" \"%REQ(USER-AGENT)%\""
            + " \"%REQ(X-B3-TRACEID?X-DATADOG-TRACEID)%\" \"%REQ(X-REQUEST-ID)%\" \"%REQ(:AUTHORITY)%\""
            + " \"%KUMA_SOURCE_SERVICE%\" \"%KUMA_DESTINATION_SERVICE%\" \"%KUMA_SOURCE_ADDRESS_WITHOUT_PORT%\""
            + " \"%UPSTREAM_HOST%\"";

    /** Envoy's default {@code %START_TIME%}: {@code %Y-%m-%dT%H:%M:%E3SZ}. */
    private static final DateTimeFormatter START_TIME = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final Pattern OPERATOR = Pattern.compile("%([A-Z][A-Z0-9_]*)(?:\\(([^)%]*)\\))?(?::(\\d+))?%");

    /** One piece of a template: literal text, or an operator with its argument and truncation (-1 = none). */
    private record Part(String literal, String operator, String argument, int maxLength) {}

    private final List<Part> plain;
    private final List<String> keys;
    private final List<List<Part>> values;
    private final boolean omitEmpty;
    private final boolean defaultFormat;

    private AccessLogFormat(
            List<Part> plain, List<String> keys, List<List<Part>> values, boolean omitEmpty, boolean defaultFormat) {
        this.plain = plain;
        this.keys = keys;
        this.values = values;
        this.omitEmpty = omitEmpty;
        this.defaultFormat = defaultFormat;
    }

    /** The format of a backend; null = Kuma's default (network or HTTP, by record). */
    static AccessLogFormat of(MeshAccessLogSpec.Format format) {
        if (format == null) {
            return new AccessLogFormat(null, null, null, false, true);
        }
        if (MeshAccessLogSpec.JSON.equals(format.type()) && format.json() != null) {
            List<String> keys = new ArrayList<>();
            List<List<Part>> values = new ArrayList<>();
            for (MeshAccessLogSpec.JsonValue kv : format.json()) {
                keys.add(kv.key());
                values.add(parse(kv.value()));
            }
            return new AccessLogFormat(null, List.copyOf(keys), List.copyOf(values), format.omitEmpty(), false);
        }
        return new AccessLogFormat(
                parse(format.plain() == null ? "" : format.plain()), null, null, format.omitEmpty(), false);
    }

    /** A plain format (tests, defaults). */
    static AccessLogFormat plain(String template) {
        return new AccessLogFormat(parse(template), null, null, false, false);
    }

    /** One line, without its newline. */
    String render(AccessLogEntry e) {
        if (defaultFormat) {
            return text(e.isRequest() ? DEFAULT_HTTP_PARTS : DEFAULT_TCP_PARTS, e, false);
        }
        if (plain != null) {
            return stripNewline(text(plain, e, omitEmpty));
        }
        ObjectNode o = ResourceCodec.JSON.createObjectNode();
        for (int i = 0; i < keys.size(); i++) {
            List<Part> parts = values.get(i);
            if (parts.size() == 1 && parts.get(0).operator() != null) {
                Part p = parts.get(0);
                Object v = value(p, e);
                if (v == null) {
                    if (!omitEmpty) {
                        o.putNull(keys.get(i));
                    }
                } else if (v instanceof Long n) {
                    o.put(keys.get(i), n);
                } else {
                    o.put(keys.get(i), (String) v);
                }
            } else {
                String s = text(parts, e, omitEmpty);
                if (!(omitEmpty && s.isEmpty())) {
                    o.put(keys.get(i), s);
                }
            }
        }
        return o.toString();
    }

    private static final List<Part> DEFAULT_TCP_PARTS = parse(DEFAULT_TCP);
    private static final List<Part> DEFAULT_HTTP_PARTS = parse(DEFAULT_HTTP);

    private static String stripNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s; // the sender ends every record with one
    }

    private static String text(List<Part> parts, AccessLogEntry e, boolean omitEmpty) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p.literal() != null) {
                out.append(p.literal());
            } else {
                Object v = value(p, e);
                out.append(v == null ? (omitEmpty ? "" : "-") : v.toString());
            }
        }
        return out.toString();
    }

    private static List<Part> parse(String template) {
        List<Part> parts = new ArrayList<>();
        Matcher m = OPERATOR.matcher(template);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Part(template.substring(at, m.start()), null, null, -1));
            }
            parts.add(new Part(null, m.group(1), m.group(2), m.group(3) == null ? -1 : parseLength(m.group(3))));
            at = m.end();
        }
        if (at < template.length()) {
            parts.add(new Part(template.substring(at), null, null, -1));
        }
        return List.copyOf(parts);
    }

    private static int parseLength(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The value of one operator: a String, a Long (numeric operators), or null when not available. */
    private static Object value(Part p, AccessLogEntry e) {
        Object v = switch (p.operator()) {
            case "START_TIME" -> START_TIME.format(e.startTime());
            case "KUMA_MESH" -> e.mesh();
            case "KUMA_SOURCE_SERVICE" -> e.loggedSourceService();
            case "KUMA_DESTINATION_SERVICE" -> blankToNull(e.destinationService());
            case "KUMA_SOURCE_ADDRESS" -> blankToNull(e.sourceAddress());
            case "KUMA_SOURCE_ADDRESS_WITHOUT_PORT" -> withoutPort(e.sourceAddress());
            case "DOWNSTREAM_REMOTE_ADDRESS", "DOWNSTREAM_DIRECT_REMOTE_ADDRESS" ->
                blankToNull(e.downstreamRemoteAddress()); // nothing is inferred from x-forwarded-for: both the peer
            case "DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT", "DOWNSTREAM_DIRECT_REMOTE_ADDRESS_WITHOUT_PORT" ->
                withoutPort(e.downstreamRemoteAddress());
            case "DOWNSTREAM_LOCAL_ADDRESS" -> blankToNull(e.downstreamLocalAddress());
            case "DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT" -> withoutPort(e.downstreamLocalAddress());
            case "UPSTREAM_LOCAL_ADDRESS" -> blankToNull(e.upstreamLocalAddress());
            case "UPSTREAM_LOCAL_ADDRESS_WITHOUT_PORT" -> withoutPort(e.upstreamLocalAddress());
            case "KUMA_TRAFFIC_DIRECTION" -> e.direction();
            case "UPSTREAM_HOST" -> blankToNull(e.upstreamHost());
            case "UPSTREAM_CLUSTER" -> upstreamCluster(e);
            case "PROTOCOL" -> e.httpVersion();
            case "RESPONSE_CODE" -> (long) e.responseCode();
            case "RESPONSE_FLAGS" -> blank(e.responseFlags()) ? "-" : e.responseFlags();
            case "RESPONSE_CODE_DETAILS" -> e.isRequest() ? (blank(e.details()) ? "via_upstream" : e.details()) : null;
            case "CONNECTION_TERMINATION_DETAILS" -> e.isRequest() ? null : blankToNull(e.details());
            case "DURATION" -> e.durationMillis();
            case "BYTES_SENT" -> e.bytesSent();
            case "BYTES_RECEIVED" -> e.bytesReceived();
            case "REQ" -> header(e, p.argument());
            default -> null; // RESP(...), trailers, operators Gatehouse has no value for
        };
        if (v instanceof String s && p.maxLength() >= 0 && s.length() > p.maxLength()) {
            return s.substring(0, p.maxLength());
        }
        return v;
    }

    /** {@code %REQ(X?Y)%}: header X, else header Y, of a request record. */
    private static String header(AccessLogEntry e, String argument) {
        if (!e.isRequest() || argument == null) {
            return null;
        }
        for (String name : argument.split("\\?", 2)) {
            String v = switch (name.toLowerCase(Locale.ROOT)) {
                case ":method" -> e.method();
                case ":path" -> e.path();
                case ":authority", "host" -> e.requestHeaders().get("host");
                default -> e.requestHeaders().get(name.toLowerCase(Locale.ROOT));
            };
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Kuma's cluster names: the destination service outbound, {@code localhost:<port>} inbound. */
    private static String upstreamCluster(AccessLogEntry e) {
        if ("OUTBOUND".equals(e.direction())) {
            return blankToNull(e.destinationService());
        }
        String host = e.upstreamHost();
        int colon = host == null ? -1 : host.lastIndexOf(':');
        return colon < 0 ? null : "localhost" + host.substring(colon);
    }

    /** The ip of {@code ip:port} or {@code [ipv6]:port}, without brackets (Envoy's {@code *_WITHOUT_PORT}). */
    private static String withoutPort(String address) {
        if (blank(address)) {
            return null;
        }
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            return close < 0 ? address : address.substring(1, close);
        }
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s;
    }
}
