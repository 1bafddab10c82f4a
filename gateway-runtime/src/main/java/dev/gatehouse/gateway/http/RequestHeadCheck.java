package dev.gatehouse.gateway.http;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The request-head checks nginx makes, and so Kong (OpenResty 1.25.3), that Netty's decoder does not. The
 * {@link Http1ServerCodec} runs them on each request it decodes: a refused request goes on with a failed decoder
 * result whose cause is a {@link RequestHeadRejected} carrying nginx's status, and what the connection sends after it
 * is dropped, so the server answers it and closes, as nginx does.
 *
 * <p>From {@code src/http/ngx_http_parse.c} ({@code ngx_http_parse_request_line}) and
 * {@code src/http/ngx_http_request.c} ({@code ngx_http_headers_in}, {@code ngx_http_process_host},
 * {@code ngx_http_validate_host}, {@code ngx_http_process_request_header}), in nginx's order:
 * <ul>
 *   <li>a method other than {@code [A-Z_-]+} (e.g. {@code get}): 400;
 *   <li>a header name that is empty or holds a space or control character, a header value with NUL or a bare CR
 *       (where Netty's decoder would keep {@code Transfer-Encoding : chunked} as a name): 400;
 *   <li>a request target that is neither {@code /...} nor {@code scheme://host...} (e.g. {@code *}, or CONNECT's
 *       {@code host:port}), or that holds a space, a control character or DEL: 400;
 *   <li>HTTP major version 2 or more: 505; {@code HTTP/0.x} or a lower-case {@code http/1.1}: 400;
 *       {@code HTTP/1.2} to {@code HTTP/1.9} are served as HTTP/1.1;
 *   <li>a second {@code Host}, {@code Content-Length}, {@code Transfer-Encoding}, {@code Expect},
 *       {@code Authorization}, {@code Content-Range}, {@code If-Match}, {@code If-None-Match},
 *       {@code If-Modified-Since}, {@code If-Unmodified-Since} or {@code If-Range}: 400;
 *   <li>an invalid Host (empty, {@code ..}, {@code /}, a space or control character), or none in HTTP/1.1: 400;
 *   <li>a {@code Content-Length} that is not a decimal number: 400;
 *   <li>{@code Transfer-Encoding} in HTTP/1.0: 400; a value other than {@code chunked}: 501; together with
 *       {@code Content-Length}: 400;
 *   <li>{@code CONNECT} and {@code TRACE}: 405.
 * </ul>
 * A header whose name holds characters other than letters, digits, {@code -} and {@code _} is dropped
 * ({@code ignore_invalid_headers on}, Kong's {@code underscores_in_headers on}). A request Netty's decoder already
 * failed keeps its cause (a 400, or 414 and 494 for over-long lines), except that one whose head names a transfer
 * coding other than {@code chunked} gets nginx's 501.
 */
final class RequestHeadCheck {

    private static final int HOST = 1;
    private static final int CONTENT_LENGTH = 1 << 1;
    private static final int TRANSFER_ENCODING = 1 << 2;
    private static final int OTHER_UNIQUE = 1 << 3; // the other names take the bits from here on

    private static final AsciiString[] UNIQUE = {
        HttpHeaderNames.HOST,
        HttpHeaderNames.CONTENT_LENGTH,
        HttpHeaderNames.TRANSFER_ENCODING,
        HttpHeaderNames.EXPECT,
        HttpHeaderNames.AUTHORIZATION,
        HttpHeaderNames.CONTENT_RANGE,
        HttpHeaderNames.IF_MATCH,
        HttpHeaderNames.IF_NONE_MATCH,
        HttpHeaderNames.IF_MODIFIED_SINCE,
        HttpHeaderNames.IF_UNMODIFIED_SINCE,
        HttpHeaderNames.IF_RANGE
    };

    /** Characters of a header name nginx keeps: letters, digits, '-' and (with underscores_in_headers) '_'. */
    private static final boolean[] NAME_CHARS = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            NAME_CHARS[c] = true;
            NAME_CHARS[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            NAME_CHARS[c] = true;
        }
        NAME_CHARS['-'] = true;
        NAME_CHARS['_'] = true;
    }

    private RequestHeadCheck() {}

    /**
     * Why a request the decoder failed is refused with another status than its own cause's: a 501 when its head names a
     * transfer coding other than chunked (nginx checks that before the framing rules Netty applies), else null.
     */
    static RequestHeadRejected refusalOfFailed(HttpRequest req) {
        Throwable cause = req.decoderResult().cause();
        if (cause instanceof TooLongFrameException) {
            return null;
        }
        RequestHeadRejected r = check(req);
        return r != null && r.status() == 501 ? new RequestHeadRejected(501, r.getMessage(), cause) : null;
    }

    /**
     * The reason to refuse {@code req}, or null (then an HTTP/1.2+ request is set to HTTP/1.1, ignored headers gone).
     * Header names and values are checked here ({@link HeaderFieldRules}), in the one pass over the headers.
     */
    static RequestHeadRejected check(HttpRequest req) {
        HttpMethod method = req.method();
        if (!knownMethod(method) && !methodName(method.name())) {
            return new RequestHeadRejected(400, "invalid method", null);
        }
        if (!validTarget(req.uri())) {
            return new RequestHeadRejected(400, "invalid request target", null);
        }
        HttpVersion version = req.protocolVersion();
        boolean http10 = version == HttpVersion.HTTP_1_0;
        boolean upgradeVersion = false;
        if (!http10 && version != HttpVersion.HTTP_1_1) {
            if (version.majorVersion() >= 2) {
                return new RequestHeadRejected(505, "invalid version", null);
            }
            if (version.majorVersion() != 1 || version.minorVersion() <= 1) {
                return new RequestHeadRejected(400, "invalid version", null); // HTTP/0.x, or http/1.1 in lower case
            }
            upgradeVersion = true;
        }
        HttpHeaders headers = req.headers();
        int seen = 0;
        CharSequence host = null;
        CharSequence contentLength = null;
        CharSequence transferEncoding = null;
        boolean ignored = false;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            CharSequence name = e.getKey();
            if (!HeaderFieldRules.validValue(e.getValue())) {
                return new RequestHeadRejected(400, "invalid header value", null); // NUL or a bare CR
            }
            int bit = unique(name);
            if (bit == 0) {
                if (!nameKept(name)) {
                    if (!HeaderFieldRules.validName(name)) {
                        return new RequestHeadRejected(400, "invalid header name", null); // e.g. "Transfer-Encoding "
                    }
                    ignored = true;
                }
                continue;
            }
            if ((seen & bit) != 0) {
                return new RequestHeadRejected(400, "duplicate " + name + " header", null);
            }
            seen |= bit;
            if (bit == HOST) {
                host = e.getValue();
                if (!validHost(host)) {
                    return new RequestHeadRejected(400, "invalid Host header", null);
                }
            } else if (bit == CONTENT_LENGTH) {
                contentLength = e.getValue();
            } else if (bit == TRANSFER_ENCODING) {
                transferEncoding = e.getValue();
            }
        }
        if (host == null && !http10) {
            return new RequestHeadRejected(400, "HTTP/1.1 request without Host header", null);
        }
        if (contentLength != null && !decimal(contentLength)) {
            return new RequestHeadRejected(400, "invalid Content-Length header", null);
        }
        if (transferEncoding != null) {
            if (http10) {
                return new RequestHeadRejected(400, "HTTP/1.0 request with Transfer-Encoding header", null);
            }
            if (!AsciiString.contentEqualsIgnoreCase(transferEncoding, "chunked")) {
                return new RequestHeadRejected(501, "unknown Transfer-Encoding", null);
            }
            if (contentLength != null) {
                return new RequestHeadRejected(400, "Content-Length and Transfer-Encoding headers", null);
            }
        }
        if (method == HttpMethod.CONNECT || method == HttpMethod.TRACE) {
            return new RequestHeadRejected(405, method.name() + " method", null);
        }
        if (!req.decoderResult().isSuccess()) {
            return null;
        }
        if (upgradeVersion) {
            req.setProtocolVersion(HttpVersion.HTTP_1_1);
        }
        if (ignored) {
            dropIgnored(headers);
        }
        return null;
    }

    private static boolean knownMethod(HttpMethod m) {
        return m == HttpMethod.GET
                || m == HttpMethod.POST
                || m == HttpMethod.PUT
                || m == HttpMethod.DELETE
                || m == HttpMethod.HEAD
                || m == HttpMethod.OPTIONS
                || m == HttpMethod.PATCH
                || m == HttpMethod.TRACE
                || m == HttpMethod.CONNECT;
    }

    private static boolean methodName(String name) {
        for (int i = 0, len = name.length(); i < len; i++) {
            char c = name.charAt(i);
            if ((c < 'A' || c > 'Z') && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** origin-form {@code /...} or absolute-form {@code scheme://host[:port][/...]}, without space, CTL or DEL. */
    static boolean validTarget(String uri) {
        int len = uri.length();
        if (len == 0) {
            return false;
        }
        int i = 0;
        if (uri.charAt(0) != '/') {
            char first = uri.charAt(0);
            if (!letter(first)) {
                return false;
            }
            i = 1;
            while (i < len && (letter(uri.charAt(i)) || digit(uri.charAt(i)) || "+-.".indexOf(uri.charAt(i)) >= 0)) {
                i++;
            }
            if (!uri.startsWith("://", i)) {
                return false;
            }
            i += 3;
            int hostStart = i;
            while (i < len && uri.charAt(i) != '/' && uri.charAt(i) != '?') {
                char c = uri.charAt(i);
                if (!letter(c) && !digit(c) && ".-:[]_".indexOf(c) < 0) {
                    return false;
                }
                i++;
            }
            if (i == hostStart) {
                return false;
            }
        }
        for (; i < len; i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean letter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The bit of a header nginx allows once, or 0. */
    private static int unique(CharSequence name) {
        int len = name.length();
        // lengths and first letters of the names in UNIQUE, so most names are passed over without a comparison
        char first = len == 0 ? 0 : (char) (name.charAt(0) | 0x20);
        boolean candidate = switch (len) {
            case 4 -> first == 'h';
            case 6 -> first == 'e';
            case 8, 19 -> first == 'i';
            case 13 -> first == 'a' || first == 'c' || first == 'i';
            case 14 -> first == 'c';
            case 17 -> first == 'i' || first == 't';
            default -> false;
        };
        if (!candidate) {
            return 0;
        }
        for (int i = 0; i < UNIQUE.length; i++) {
            AsciiString u = UNIQUE[i];
            if (u.length() == len && u.contentEqualsIgnoreCase(name)) {
                return i < 3 ? 1 << i : OTHER_UNIQUE << (i - 3);
            }
        }
        return 0;
    }

    /** A name of letters, digits, '-' and '_' only (an empty one is not). */
    private static boolean nameKept(CharSequence name) {
        int len = name.length();
        if (len == 0) {
            return false;
        }
        if (name instanceof AsciiString a) {
            byte[] bytes = a.array();
            for (int i = a.arrayOffset(), end = i + len; i < end; i++) {
                byte b = bytes[i];
                if (b < 0 || !NAME_CHARS[b]) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < len; i++) {
            char c = name.charAt(i);
            if (c >= 128 || !NAME_CHARS[c]) {
                return false;
            }
        }
        return true;
    }

    private static void dropIgnored(HttpHeaders headers) {
        List<String> drop = new ArrayList<>(1);
        for (String name : headers.names()) {
            if (!nameKept(name)) {
                drop.add(name);
            }
        }
        drop.forEach(headers::remove);
    }

    /** {@code ngx_validate_host}: no empty name, {@code ..}, '/', space, control character or DEL. */
    static boolean validHost(CharSequence host) {
        int len = host.length();
        int dot = -2;
        int hostLen = len;
        int state = 0; // 0 usual, 1 IPv6 literal, 2 after the name
        for (int i = 0; i < len; i++) {
            char c = host.charAt(i);
            switch (c) {
                case '.' -> {
                    if (dot == i - 1) {
                        return false;
                    }
                    dot = i;
                }
                case ':' -> {
                    if (state == 0) {
                        hostLen = i;
                        state = 2;
                    }
                }
                case '[' -> {
                    if (i == 0) {
                        state = 1;
                    }
                }
                case ']' -> {
                    if (state == 1) {
                        hostLen = i + 1;
                        state = 2;
                    }
                }
                default -> {
                    if (c == '/' || c <= 0x20 || c == 0x7f) {
                        return false;
                    }
                }
            }
        }
        if (dot == hostLen - 1) {
            hostLen--;
        }
        return hostLen > 0;
    }

    /** {@code ngx_atoof}: one or more digits, no sign, no overflow. */
    private static boolean decimal(CharSequence value) {
        int len = value.length();
        if (len == 0 || len > 19) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (!digit(value.charAt(i))) {
                return false;
            }
        }
        return len < 19 || value.toString().compareTo(String.valueOf(Long.MAX_VALUE)) <= 0;
    }
}
