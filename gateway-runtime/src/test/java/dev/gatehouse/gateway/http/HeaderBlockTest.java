package dev.gatehouse.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;

/**
 * The proxy's codecs write heads byte for byte as Netty's own encoders do ({@code HttpObjectEncoder.encodeHeaders}
 * with {@code HttpHeadersEncoder}): names and values as {@link AsciiString} or {@code String}, characters from U+0080
 * to U+00FF as their byte, characters above U+00FF as {@code '?'}, and heads larger than the scratch array.
 */
class HeaderBlockTest {

    private static void fill(HttpHeaders h) {
        h.add(AsciiString.cached("Host"), "example.test");
        h.add("X-Plain", "value");
        h.add(new AsciiString("X-Ascii-Both"), new AsciiString("ascii"));
        h.add("X-Latin1", "caf\u00e9 \u00ff");
        h.add("X-Wide", "price \u20ac1 \u4e2d");
        h.add("X-Empty", "");
        h.add("X-Repeated", "one");
        h.add("X-Repeated", "two");
        h.add(new StringBuilder("X-Builder"), new StringBuilder("built \u0101"));
        h.add("X-Large", "x".repeat(9000)); // past the 4 KB scratch array
        h.add("X-After-Large", "tail");
    }

    private static byte[] encode(EmbeddedChannel ch, Object message) {
        assertThat(ch.writeOutbound(message)).isTrue();
        ByteBuf out = ch.alloc().buffer();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.writeBytes(b);
            b.release();
        }
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        ch.finishAndReleaseAll();
        return bytes;
    }

    @Test
    void requestHeadsAreNettysBytes() {
        DefaultHttpRequest a = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/p?q=1");
        DefaultHttpRequest b = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/p?q=1");
        fill(a.headers());
        fill(b.headers());
        byte[] netty = encode(new EmbeddedChannel(new HttpRequestEncoder()), a);
        byte[] ours = encode(new EmbeddedChannel(new Http1ClientCodec(new HttpDecoderConfig())), b);
        assertThat(ours).isEqualTo(netty);
        String text = new String(ours, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).contains("X-Latin1: caf\u00e9 \u00ff\r\n", "X-Wide: price ?1 ?\r\n", "X-Builder: built ?\r\n");
        assertThat(text).endsWith("X-After-Large: tail\r\n\r\n");
    }

    @Test
    void responseHeadsAreNettysBytes() {
        DefaultHttpResponse a = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        DefaultHttpResponse b = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        fill(a.headers());
        fill(b.headers());
        byte[] netty = encode(new EmbeddedChannel(new HttpResponseEncoder()), a);
        byte[] ours = encode(new EmbeddedChannel(new Http1ServerCodec(new HttpDecoderConfig())), b);
        assertThat(ours).isEqualTo(netty);
    }

    @Test
    void aHeadWithoutHeadersIsJustItsLine() {
        byte[] ours = encode(
                new EmbeddedChannel(new Http1ClientCodec(new HttpDecoderConfig())),
                new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
        assertThat(new String(ours, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GET / HTTP/1.1\r\n\r\n");
    }
}
