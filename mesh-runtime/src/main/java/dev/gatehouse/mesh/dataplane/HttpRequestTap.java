package dev.gatehouse.mesh.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Watches the HTTP/1.x exchanges of an http connection (allowed into an http-tagged inbound, or out to an http
 * service) without touching the bytes relayed: copies of both directions go through Netty's HTTP decoders, and each
 * completed response yields one access-log record (method, path, status, body bytes, duration), as Envoy's HTTP connection manager logs per request.
 * Anything it cannot follow (not HTTP/1.x, a protocol upgrade) switches it off; the connection record is then used.
 */
final class HttpRequestTap {
    private record Pending(HttpRequestInfo request, Instant start, long startNanos) {}

    private final ConnectionLog log;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final EmbeddedChannel requests = new EmbeddedChannel(new HttpRequestDecoder());
    private final EmbeddedChannel responses;
    private boolean off;
    private boolean closed;
    private long requestBody;
    private long responseBody;
    private int status;

    HttpRequestTap(ConnectionLog log) {
        this.log = log;
        this.responses = new EmbeddedChannel(new HttpResponseDecoder() {
            @Override
            protected boolean isContentAlwaysEmpty(HttpMessage msg) {
                // A HEAD request's response has headers only; the decoder cannot know that without the request.
                Pending p = pending.peek();
                return (p != null && p.request().method().equals(HttpMethod.HEAD.name()))
                        || super.isContentAlwaysEmpty(msg);
            }
        });
    }

    /** Bytes the client sent (a retained duplicate is decoded; the original goes on unchanged). */
    void request(ByteBuf data) {
        decode(requests, data, this::onRequestPart);
    }

    /** Bytes the application answered. */
    void response(ByteBuf data) {
        decode(responses, data, this::onResponsePart);
    }

    private void decode(EmbeddedChannel decoder, ByteBuf data, java.util.function.Consumer<Object> onPart) {
        if (off) {
            return;
        }
        decoder.writeInbound(data.retainedDuplicate());
        Object m;
        while (!off && (m = decoder.readInbound()) != null) {
            try {
                onPart.accept(m);
            } finally {
                ReferenceCountUtil.release(m);
            }
        }
    }

    private void onRequestPart(Object m) {
        if (m instanceof HttpRequest r) {
            if (!r.decoderResult().isSuccess()) {
                stop();
                return;
            }
            pending.add(new Pending(HttpRequestInfo.of(r), Instant.now(), System.nanoTime()));
        }
        if (m instanceof HttpContent c) {
            requestBody += c.content().readableBytes();
        }
    }

    private void onResponsePart(Object m) {
        if (m instanceof HttpResponse r) {
            if (!r.decoderResult().isSuccess() || r.status().code() == 101) {
                stop(); // upgraded (WebSocket...) or unreadable: the rest is opaque
                return;
            }
            status = r.status().code();
        }
        if (m instanceof HttpContent c) {
            responseBody += c.content().readableBytes();
        }
        if (m instanceof LastHttpContent && status >= 200) {
            Pending p = pending.poll();
            if (p != null) {
                log.emitRequest(
                        p.start(),
                        status,
                        p.request(),
                        responseBody,
                        requestBody,
                        (System.nanoTime() - p.startNanos()) / 1_000_000);
            }
            responseBody = 0;
            requestBody = 0;
        }
    }

    private void stop() {
        off = true;
        close();
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        requests.finishAndReleaseAll();
        responses.finishAndReleaseAll();
    }
}
