package dev.gatehouse.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The server side of HTTP/1.1 for the proxy and the Admin API: Netty's request decoder (with {@link HeaderFieldRules})
 * and response encoder paired as Netty's {@code HttpServerCodec} pairs them (a response to HEAD is encoded without a
 * body), plus what nginx refuses and Netty does not. Each decoded request goes through the {@link RequestHeadCheck};
 * a line folded onto the previous header line (obs-fold), or whitespace before the request line, is "client sent
 * invalid header line", 400, where Netty would join it to the previous value. A refused request carries a failed
 * decoder result (a {@link RequestHeadRejected} gives nginx's status) and the rest of the connection's input is
 * dropped. Unlike {@code HttpServerCodec} there is no cap on pipelined requests awaiting their responses (it gave up
 * on the connection after 128; nginx answers them all, and the proxy stops reading while many wait). The fold check
 * reads the head's bytes once more, one {@code indexOf} per line. CONNECT never gets a 2xx here (it is refused), so
 * {@code HttpServerCodec}'s CONNECT rule has no counterpart.
 */
public final class Http1ServerCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {

    /** Methods of the requests decoded and not yet answered, oldest first. */
    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>(4);

    public Http1ServerCodec(HttpDecoderConfig config) {
        init(new Decoder(config), new Encoder());
    }

    private final class Decoder extends HttpRequestDecoder {
        /** The next bytes belong to a request head (or to the empty lines nginx allows before one). */
        private boolean inHead = true;
        /** Lines of the current head were consumed by an earlier call: the next byte starts a line. */
        private boolean headStarted;

        private boolean folded;
        /** A request was refused: the connection closes after its answer, so the rest of the input is dropped. */
        private boolean refused;

        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (refused) {
                buffer.skipBytes(buffer.readableBytes());
                return;
            }
            if (inHead && !folded) {
                folded = folds(buffer, headStarted);
            }
            int before = out.size();
            int readerBefore = buffer.readerIndex();
            super.decode(ctx, buffer, out);
            int after = out.size();
            for (int i = before; i < after; i++) {
                Object o = out.get(i);
                if (o instanceof HttpRequest req) {
                    methods.add(req.method());
                    inHead = false;
                    headStarted = false;
                    if (refuse(req)) {
                        for (int j = out.size() - 1; j > i; j--) {
                            ReferenceCountUtil.release(out.remove(j));
                        }
                        buffer.skipBytes(buffer.readableBytes());
                        return;
                    }
                } else if (o instanceof LastHttpContent) {
                    inHead = true;
                }
            }
            if (inHead && after == before && buffer.readerIndex() > readerBefore) {
                headStarted = true;
            }
        }

        /** Runs the {@link RequestHeadCheck}; true when the request is refused (its decoder result then says why). */
        private boolean refuse(HttpRequest req) {
            RequestHeadRejected r;
            if (!req.decoderResult().isSuccess()) {
                r = RequestHeadCheck.refusalOfFailed(req);
                refused = true;
            } else {
                r = folded ? new RequestHeadRejected(400, "obs-fold", null) : RequestHeadCheck.check(req);
                refused = r != null;
            }
            folded = false;
            if (r != null) {
                req.setDecoderResult(DecoderResult.failure(r));
            }
            return refused;
        }
    }

    /**
     * Whether the head starting at the buffer's reader index has a line that begins with SP or HTAB: scans line by
     * line up to the empty line that ends the head (or the end of what arrived).
     */
    static boolean folds(ByteBuf buffer, boolean atLineStart) {
        int i = buffer.readerIndex();
        int end = buffer.writerIndex();
        if (!atLineStart) {
            while (i < end && (buffer.getByte(i) == '\r' || buffer.getByte(i) == '\n')) {
                i++; // empty lines before the request line
            }
        }
        if (i < end && whitespace(buffer.getByte(i))) {
            return true;
        }
        while (i < end) {
            int lf = buffer.indexOf(i, end, (byte) '\n');
            if (lf < 0 || lf + 1 >= end) {
                return false;
            }
            byte next = buffer.getByte(lf + 1);
            if (whitespace(next)) {
                return true;
            }
            if (next == '\r' || next == '\n') {
                return false; // the empty line that ends the head
            }
            i = lf + 1;
        }
        return false;
    }

    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    private final class Encoder extends HttpResponseEncoder {
        @Override
        protected void encodeHeaders(HttpHeaders headers, ByteBuf buf) {
            HeaderBlock.write(headers, buf);
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                return super.isContentAlwaysEmpty(msg); // an interim response answers no request by itself
            }
            HttpMethod method = methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }
    }
}
