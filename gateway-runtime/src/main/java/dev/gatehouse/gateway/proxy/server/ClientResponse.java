package dev.gatehouse.gateway.proxy.server;

import dev.gatehouse.gateway.http.HeaderEscaping;
import dev.gatehouse.gateway.http.NginxErrorPage;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.Response;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
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
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** Responses whose body a plugin holds back ({@link PluginHandler#buffersResponseBody}) are buffered up to this. */
    static final int MAX_HELD_BODY = 16 * 1024 * 1024;

    /**
     * How a plugin ended the request in the access phase: Kong's error body, an exit without a body or with one the
     * plugin encoded, or raw bytes with multi-valued headers ({@code raw}, {@code rawHeaders}; a cached response).
     */
    record Exit(
            int status,
            String message,
            boolean withBody,
            Map<String, String> headers,
            String body,
            byte[] raw,
            Map<String, List<String>> rawHeaders) {}

    /** Set when a plugin ends the request. */
    Exit exit;
    /** Headers plugins set (null value: cleared) before there is a response; applied at header_filter. */
    private LinkedHashMap<String, String> pendingHeaders;
    /** The headers of the response being sent, while the header_filter phase runs. */
    private HttpHeaders filtering;
    /** The upstream's response head, held back while its body is buffered for body filters; null otherwise. */
    private HttpResponse held;

    private CompositeByteBuf heldBody;

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

    /** Kong's {@code kong.response.exit} with raw bytes and multi-valued headers (a cached response). */
    void sendRaw(int code, byte[] body, Map<String, List<String>> headers) {
        respond(code, null, body, null, headers);
    }

    private void respond(int code, String contentType, String body, Map<String, String> headers) {
        respond(code, contentType, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), headers, null);
    }

    private void respond(
            int code,
            String contentType,
            byte[] content,
            Map<String, String> headers,
            Map<String, List<String>> multiHeaders) {
        status = code;
        kongLatency = Exchange.millisSince(x.startNanos);
        if (code == 204 || code == 304) {
            content = new byte[0];
        }
        HttpHeaders h = new DefaultHttpHeaders();
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
        if (multiHeaders != null) {
            multiHeaders.forEach((k, vs) -> {
                String name = HeaderEscaping.name(k);
                h.remove(name);
                vs.forEach(v -> h.add(name, HeaderEscaping.value(v)));
            });
        }
        headerFilter(h);
        if (x.plugins != null && x.plugins.hasBodyFilters() && code != 204 && code != 304) {
            // Kong runs body_filter on its own responses too (kong.response.exit goes through it)
            filtering = h;
            if (x.plugins.wantsResponseBody()) {
                content = x.plugins.bodyFilter(content);
                h.setInt(HttpHeaderNames.CONTENT_LENGTH, content.length);
            }
            filtering = null;
        }
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(code),
                Unpooled.wrappedBuffer(content),
                h,
                new DefaultHttpHeaders());
        h.set(HttpHeaderNames.SERVER, ProxyServer.SERVER_HEADER);
        h.set(KongHeaders.X_KONG_RESPONSE_LATENCY, LatencyText.of(kongLatency));
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
            // the usual value names no header: the split and lower-casing below were 5% of the proxy's Java time
            // under load (JFR, an upstream answering "Connection: keep-alive")
            if (!connection.equalsIgnoreCase("keep-alive") && !connection.equalsIgnoreCase("close")) {
                for (String token : connection.split(",")) {
                    String t = token.strip().toLowerCase(Locale.ROOT);
                    if (!t.isEmpty() && !t.equals("close") && !t.equals("upgrade") && !t.equals("keep-alive")) {
                        h.remove(t);
                    }
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
        if (x.plugins != null && x.plugins.hasBodyFilters()) {
            filtering = h;
            boolean hold = x.plugins.wantsResponseBody();
            filtering = null;
            if (hold) {
                held = resp;
                heldBody = x.conn.channel.alloc().compositeBuffer(64);
            }
        }
        HeaderScan.put(h, found, 10, KongHeaders.X_KONG_UPSTREAM_LATENCY, LatencyText.of(upstream.waitingTime));
        HeaderScan.put(
                h, found, 11, KongHeaders.X_KONG_PROXY_LATENCY, LatencyText.of(Math.max(0, upstream.proxyLatency)));
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
        started = held == null; // a held head is not out: a failure before the body's end still gets Kong's error
        if (!x.request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            resp.setProtocolVersion(x.request.protocolVersion());
        }
        sentStatus = resp.status();
        return closeDelimited;
    }

    /** Sends the head {@link #forwardHead} prepared; {@code last} when the response has no more content. */
    void sendHead(HttpResponse resp, boolean last) {
        if (held != null) {
            if (resp instanceof HttpContent c) { // a whole response in one object: its content is body
                heldBody.addComponent(true, c.content().retain());
                c.release();
                held = new DefaultHttpResponse(resp.protocolVersion(), resp.status(), resp.headers());
            }
            if (last) {
                releaseHeld(true);
            }
            return;
        }
        if (last) { // a complete response in one object
            complete = true;
            x.conn.channel.writeAndFlush(resp, x.conn.channel.voidPromise());
        } else {
            x.conn.channel.write(resp, x.conn.channel.voidPromise());
        }
    }

    /** Passes a piece of the upstream's body on; the last one completes the response. */
    void forwardContent(HttpContent c, boolean last) {
        if (held != null) {
            hold(c, last);
            return;
        }
        bytes += c.content().readableBytes();
        if (last) {
            complete = true;
            // a failed client write closes the client channel (onClientClosed); the upstream side is done either way
            x.conn.channel.writeAndFlush(c, x.conn.channel.voidPromise());
        } else {
            x.conn.channel.write(c, x.conn.channel.voidPromise());
        }
    }

    /** True while the upstream's head is held back for body filters (nothing of the response is out yet). */
    boolean holding() {
        return held != null;
    }

    private void hold(HttpContent c, boolean last) {
        if (heldBody.readableBytes() + (long) c.content().readableBytes() > MAX_HELD_BODY) {
            heldBody.addComponent(true, c.content().retain());
            c.release();
            releaseHeld(false); // too large to hold: what came goes out untransformed and the rest streams
            if (last) {
                complete = true;
                x.conn.channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, x.conn.channel.voidPromise());
            }
            return;
        }
        heldBody.addComponent(true, c.content().retain());
        if (c instanceof LastHttpContent t && !t.trailingHeaders().isEmpty()) {
            t.trailingHeaders().clear(); // the body filters' body goes out with Content-Length: no trailers
        }
        c.release();
        if (last) {
            releaseHeld(true);
        }
    }

    /**
     * Sends the held head and body: through the body filters when {@code whole} (framed by {@code Content-Length}
     * unless a header_filter cleared it, as Kong's response-transformer does: chunked then), else as far as it came,
     * chunked, with the rest to stream after it.
     */
    private void releaseHeld(boolean whole) {
        HttpResponse head = held;
        held = null;
        CompositeByteBuf buf = heldBody;
        heldBody = null;
        HttpHeaders h = head.headers();
        boolean bodyless = x.request.method().equals(HttpMethod.HEAD) || status == 204 || status == 304;
        boolean http11Client = x.request.protocolVersion().equals(HttpVersion.HTTP_1_1);
        byte[] body = new byte[buf.readableBytes()];
        buf.readBytes(body);
        buf.release();
        if (whole) {
            filtering = h;
            body = x.plugins.bodyFilter(body);
            filtering = null;
        }
        boolean chunked = false;
        if (!bodyless) {
            if (whole && (h.contains(HttpHeaderNames.CONTENT_LENGTH) || !http11Client)) {
                h.remove(HttpHeaderNames.TRANSFER_ENCODING);
                h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            } else if (http11Client) {
                h.remove(HttpHeaderNames.CONTENT_LENGTH);
                h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                chunked = true;
            } else {
                h.remove(HttpHeaderNames.CONTENT_LENGTH);
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                x.closeAfter = true;
            }
        }
        started = true;
        sentHeaders = h;
        bytes += body.length;
        io.netty.channel.Channel ch = x.conn.channel;
        ch.write(head, ch.voidPromise());
        if (!whole) {
            if (body.length > 0) {
                ch.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(body)), ch.voidPromise());
            }
            return;
        }
        complete = true;
        if (chunked && body.length > 0) {
            ch.write(new DefaultHttpContent(Unpooled.wrappedBuffer(body)), ch.voidPromise());
            ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, ch.voidPromise());
        } else {
            ch.writeAndFlush(
                    new DefaultLastHttpContent(bodyless ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body)),
                    ch.voidPromise());
        }
    }

    /** Drops a held response (the exchange ended before its body did). */
    void releaseHeldBody() {
        if (heldBody != null) {
            heldBody.release();
            heldBody = null;
        }
        held = null;
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
        exit = new Exit(status, message, true, headers, null, null, null);
    }

    @Override
    public void exit(int status, Map<String, String> headers) {
        exit = new Exit(status, null, false, headers, null, null, null);
    }

    @Override
    public void exit(int status, String body, Map<String, String> headers) {
        exit = new Exit(status, null, false, headers, body, null, null);
    }

    @Override
    public void exit(int status, byte[] body, Map<String, List<String>> headers) {
        exit = new Exit(status, null, false, null, null, body, headers);
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

    @Override
    public Map<String, List<String>> headers() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (filtering != null) {
            for (Map.Entry<String, String> e : filtering) {
                all.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(e.getValue());
            }
        }
        return all;
    }

    @Override
    public Map<String, List<String>> rawHeaders() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (filtering != null) {
            Map<String, String> names = new java.util.HashMap<>();
            for (Map.Entry<String, String> e : filtering) {
                String name = names.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> e.getKey());
                all.computeIfAbsent(name, k -> new ArrayList<>()).add(e.getValue());
            }
        }
        return all;
    }

    @Override
    public int status() {
        return status;
    }

    private LinkedHashMap<String, String> pendingHeaders() {
        if (pendingHeaders == null) {
            pendingHeaders = new LinkedHashMap<>();
        }
        return pendingHeaders;
    }
}
