package dev.gatehouse.gateway.proxy.server;

import dev.gatehouse.gateway.http.HeaderEscaping;
import dev.gatehouse.gateway.http.NginxErrorPage;
import dev.gatehouse.gateway.plugin.Response;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The response to the client of one exchange: a Kong-generated one (Kong's error bodies and exits, nginx's own error
 * pages) or the upstream's, forwarded with Kong's headers, both after the header_filter phase; what was sent, for the
 * log; and the {@link Response} facade plugins change it through ({@code kong.response}).
 */
final class ClientResponse implements Response {

    /** The response headers the proxy removes, adds or replaces, found in one pass. */
    static final HeaderScan RESPONSE_SCAN = new HeaderScan(
            HttpHeaderNames.CONNECTION,
            KongHeaders.KEEP_ALIVE,
            HttpHeaderNames.UPGRADE,
            KongHeaders.PROXY_CONNECTION,
            HttpHeaderNames.TRAILER,
            HttpHeaderNames.VIA,
            HttpHeaderNames.SERVER,
            HttpHeaderNames.DATE,
            HttpHeaderNames.CONTENT_LENGTH,
            HttpHeaderNames.TRANSFER_ENCODING,
            KongHeaders.X_KONG_UPSTREAM_LATENCY,
            KongHeaders.X_KONG_PROXY_LATENCY,
            KongHeaders.X_KONG_REQUEST_ID);

    private final Exchange x;
    boolean started;
    boolean complete;
    int status;
    long bytes;
    /** Kong's response latency of a Kong-generated response, -1 for a proxied one. */
    long kongLatency = -1;

    HttpHeaders sentHeaders;
    HttpResponseStatus sentStatus;
    /** True once the upstream's response head went out. */
    boolean proxied;

    /** How a plugin ended the request in the access phase: Kong's error body, or an exit without a body. */
    record Exit(int status, String message, boolean withBody, Map<String, String> headers, String body) {}

    /** Set when a plugin ends the request. */
    Exit exit;
    /** Headers plugins set (null value: cleared) before there is a response; applied at header_filter. */
    private LinkedHashMap<String, String> pendingHeaders;
    /** The headers of the response being sent, while the header_filter phase runs. */
    private HttpHeaders filtering;

    ClientResponse(Exchange x) {
        this.x = x;
    }

    // ---------------------------------------------------------------- Kong-generated responses

    /** Kong's error body in the type {@code Accept} asks for. */
    void sendKongError(int code, String message, Map<String, String> headers) {
        String type = KongErrors.responseType(x.request.headers().get(HttpHeaderNames.ACCEPT));
        respond(
                code,
                type,
                KongErrors.body(type, message == null ? KongErrors.defaultMessage(code) : message, x.requestId),
                headers);
    }

    /** nginx-level errors (502, 504, bad requests) use error_handlers.lua's type rules. */
    void sendError(int code, String message, boolean badRequest) {
        String type = KongErrors.errorHandlerType(
                x.request.headers().get(HttpHeaderNames.ACCEPT),
                x.request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        respond(code, type, KongErrors.body(type, message, x.requestId), null);
        if (badRequest) {
            x.closeAfter = true;
        }
    }

    /** Kong's {@code kong.response.exit} without a body. */
    void sendExit(int code, Map<String, String> headers) {
        respond(code, null, null, headers);
    }

    /** Kong's {@code kong.response.exit} with a body the plugin encoded; its headers name the content type. */
    void sendExit(int code, String body, Map<String, String> headers) {
        respond(code, null, body, headers);
    }

    private void respond(int code, String contentType, String body, Map<String, String> headers) {
        status = code;
        kongLatency = Exchange.millisSince(x.startNanos);
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code), Unpooled.wrappedBuffer(content));
        HttpHeaders h = r.headers();
        h.set(HttpHeaderNames.DATE, HttpDate.now());
        if (contentType != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (code != 204 && code != 304) {
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, content.length); // nginx sends none with a 204 or 304
        }
        if (headers != null) {
            headers.forEach((k, v) -> h.set(HeaderEscaping.name(k), HeaderEscaping.value(v)));
        }
        headerFilter(h);
        h.set(HttpHeaderNames.SERVER, ProxyServer.SERVER_HEADER);
        h.setInt(KongHeaders.X_KONG_RESPONSE_LATENCY, (int) kongLatency);
        h.set(KongHeaders.X_KONG_REQUEST_ID, x.requestId);
        if (!x.requestComplete && hasUnboundedBody()) {
            x.closeAfter = true;
        }
        applyConnectionHeader(h);
        if (!x.request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            r.setProtocolVersion(x.request.protocolVersion());
        }
        send(r);
    }

    /**
     * nginx's own error page, for the statuses Kong's {@code error_page} directives leave to nginx (501, 505): Kong's
     * Lua phases do not run, so there are no Kong headers and no plugins; the connection closes.
     */
    void sendNginxPage(int code) {
        status = code;
        kongLatency = Exchange.millisSince(x.startNanos);
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                new HttpResponseStatus(code, NginxErrorPage.reason(code)),
                Unpooled.wrappedBuffer(NginxErrorPage.html(code).getBytes(StandardCharsets.US_ASCII)));
        HttpHeaders h = r.headers();
        h.set(HttpHeaderNames.SERVER, NginxErrorPage.SERVER);
        h.set(HttpHeaderNames.DATE, HttpDate.now());
        h.set(HttpHeaderNames.CONTENT_TYPE, "text/html");
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        x.closeAfter = true;
        send(r);
    }

    /** Writes a Kong- or nginx-generated response; the exchange finishes once it is out. */
    private void send(FullHttpResponse r) {
        sentHeaders = r.headers();
        started = true;
        sentStatus = r.status();
        bytes = r.content().readableBytes();
        if (x.request.method().equals(HttpMethod.HEAD)) {
            r.content().clear();
            bytes = 0;
        }
        x.conn.channel.writeAndFlush(r).addListener(f -> {
            complete = true;
            if (!f.isSuccess()) {
                x.closeAfter = true;
            }
            x.maybeFinish();
        });
        if (!x.requestComplete) {
            x.conn.resume(); // read and drop the rest of the body (or close once the response is out)
        }
    }

    private boolean hasUnboundedBody() {
        long len = HttpUtil.getContentLength(x.request, -1L);
        return len < 0
                ? HttpUtil.isTransferEncodingChunked(x.request)
                : len - x.requestBodyBytes > Exchange.DISCARD_LIMIT;
    }

    // ---------------------------------------------------------------- the upstream's response

    /**
     * Turns the upstream's response head into the client's: hop-by-hop headers out, framing for the client's HTTP
     * version, header_filter, then Kong's {@code Via}, latency, {@code Server}, {@code Date} and request id headers.
     * Returns true when the upstream body is delimited by the connection's close (so that connection is not reused).
     */
    boolean forwardHead(HttpResponse resp, long found, UpstreamCall upstream) {
        status = resp.status().code();
        HttpHeaders h = resp.headers();
        if (HeaderScan.has(found, 0)) {
            String connection = h.get(HttpHeaderNames.CONNECTION);
            for (String token : connection.split(",")) {
                String t = token.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty() && !t.equals("close") && !t.equals("upgrade") && !t.equals("keep-alive")) {
                    h.remove(t);
                }
            }
            h.remove(HttpHeaderNames.CONNECTION);
            found = RESPONSE_SCAN.scan(h);
        }
        if (HeaderScan.has(found, 1)) {
            h.remove(KongHeaders.KEEP_ALIVE);
        }
        if (HeaderScan.has(found, 2)) {
            h.remove(HttpHeaderNames.UPGRADE);
        }
        if (HeaderScan.has(found, 3)) {
            h.remove(KongHeaders.PROXY_CONNECTION);
        }
        if (HeaderScan.has(found, 4) && !"trailers".equals(x.request.headers().get(HttpHeaderNames.TE))) {
            h.remove(HttpHeaderNames.TRAILER);
        }
        if (x.hashCookie != null) {
            h.add(HttpHeaderNames.SET_COOKIE, x.hashCookie);
        }
        boolean bodyless =
                x.request.method().equals(HttpMethod.HEAD) || status == 204 || status == 304 || status / 100 == 1;
        boolean chunked = HeaderScan.has(found, 9) && HttpUtil.isTransferEncodingChunked(resp);
        boolean framed = HeaderScan.has(found, 8) || chunked;
        boolean http11Client = x.request.protocolVersion().equals(HttpVersion.HTTP_1_1);
        boolean closeDelimited = false;
        if (!bodyless && !framed) {
            if (http11Client) {
                HttpUtil.setTransferEncodingChunked(resp, true);
            } else {
                x.closeAfter = true;
            }
            closeDelimited = true;
        } else if (!http11Client && chunked) {
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            x.closeAfter = true;
        }
        proxied = true;
        resp.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (pendingHeaders != null || (x.plugins != null && x.plugins.hasHeaderFilters())) {
            headerFilter(h);
            found = RESPONSE_SCAN.scan(h); // plugins may have changed any header
        }
        HeaderScan.put(h, found, 10, KongHeaders.X_KONG_UPSTREAM_LATENCY, (int) upstream.waitingTime);
        HeaderScan.put(h, found, 11, KongHeaders.X_KONG_PROXY_LATENCY, (int) Math.max(0, upstream.proxyLatency));
        if (HeaderScan.has(found, 5)) {
            h.set(HttpHeaderNames.VIA, h.get(HttpHeaderNames.VIA) + ", " + KongHeaders.VIA_11);
        } else {
            h.add(HttpHeaderNames.VIA, KongHeaders.VIA_11);
        }
        if (!HeaderScan.has(found, 6)) {
            h.add(HttpHeaderNames.SERVER, KongHeaders.SERVER_TOKEN);
        }
        if (!HeaderScan.has(found, 7)) {
            h.add(HttpHeaderNames.DATE, HttpDate.now());
        }
        HeaderScan.put(h, found, 12, KongHeaders.X_KONG_REQUEST_ID, x.requestId);
        applyConnectionHeader(h);
        sentHeaders = h;
        started = true;
        if (!x.request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            resp.setProtocolVersion(x.request.protocolVersion());
        }
        sentStatus = resp.status();
        return closeDelimited;
    }

    /** Sends the head {@link #forwardHead} prepared; {@code last} when the response has no more content. */
    void sendHead(HttpResponse resp, boolean last) {
        if (last) { // a complete response in one object
            complete = true;
            x.conn.channel.writeAndFlush(resp, x.conn.channel.voidPromise());
        } else {
            x.conn.channel.write(resp, x.conn.channel.voidPromise());
        }
    }

    /** Passes a piece of the upstream's body on; the last one completes the response. */
    void forwardContent(HttpContent c, boolean last) {
        bytes += c.content().readableBytes();
        if (last) {
            complete = true;
            // a failed client write closes the client channel (onClientClosed); the upstream side is done either way
            x.conn.channel.writeAndFlush(c, x.conn.channel.voidPromise());
        } else {
            x.conn.channel.write(c, x.conn.channel.voidPromise());
        }
    }

    /** Kong's header_filter phase: the headers plugins set in access first, then the header_filter handlers. */
    private void headerFilter(HttpHeaders h) {
        if (pendingHeaders != null) {
            pendingHeaders.forEach((k, v) -> {
                if (v == null) {
                    h.remove(k);
                } else {
                    h.set(k, v);
                }
            });
        }
        if (x.plugins != null && x.plugins.hasHeaderFilters()) {
            filtering = h;
            x.plugins.headerFilter();
            filtering = null;
        }
    }

    private void applyConnectionHeader(HttpHeaders h) {
        boolean keep = x.keepAliveRequested && !x.closeAfter && !x.server.closing();
        if (!keep) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            x.closeAfter = true;
        } else if (!x.request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    // ---------------------------------------------------------------- kong.response

    @Override
    public void error(int status, String message, Map<String, String> headers) {
        exit = new Exit(status, message, true, headers, null);
    }

    @Override
    public void exit(int status, Map<String, String> headers) {
        exit = new Exit(status, null, false, headers, null);
    }

    @Override
    public void exit(int status, String body, Map<String, String> headers) {
        exit = new Exit(status, null, false, headers, body);
    }

    @Override
    public boolean exited() {
        return exit != null;
    }

    @Override
    public void setHeader(String name, String value) {
        name = HeaderEscaping.name(name);
        value = HeaderEscaping.value(value);
        if (filtering != null) {
            filtering.set(name, value);
        } else {
            pendingHeaders().put(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (filtering != null) {
            filtering.add(HeaderEscaping.name(name), HeaderEscaping.value(value));
        } else {
            setHeader(name, value);
        }
    }

    @Override
    public void clearHeader(String name) {
        if (filtering != null) {
            filtering.remove(name);
        } else {
            pendingHeaders().put(name, null);
        }
    }

    @Override
    public String header(String name) {
        return filtering == null ? null : filtering.get(name);
    }

    private LinkedHashMap<String, String> pendingHeaders() {
        if (pendingHeaders == null) {
            pendingHeaders = new LinkedHashMap<>();
        }
        return pendingHeaders;
    }
}
