package dev.gatehouse.gateway.http;

import io.netty.handler.codec.DefaultHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;

/**
 * The characters nginx refuses in a header field ({@code ngx_http_parse_header_line}: "client sent invalid header
 * line", 400; for an upstream response "upstream sent invalid header", 502): a name that is empty or holds a space, a
 * control character or DEL, and a value holding NUL, CR or LF. Decoded headers are checked once, in a pass over them
 * that happens anyway (the {@link RequestHeadCheck} for requests, the proxy's response header scan for upstream
 * responses), so the headers the gateway then sets are not re-validated on every set; values set from entities are
 * escaped where they are set ({@link HeaderEscaping}). Trailers, rare, are validated by Netty's header object. Netty's
 * own value validation would refuse every control character, which nginx forwards.
 */
public final class HeaderFieldRules {

    /** Trailers of messages decoded with these rules. */
    public static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory()
            .withNameValidator((DefaultHeaders.NameValidator<CharSequence>) name -> {
                if (!validName(name)) {
                    throw new IllegalArgumentException("invalid header name");
                }
            })
            .withValueValidator((DefaultHeaders.ValueValidator<CharSequence>) value -> {
                if (!validValue(value)) {
                    throw new IllegalArgumentException("CR, LF or NUL in a header value");
                }
            });

    private HeaderFieldRules() {}

    /**
     * A request decoder configuration: strict CRLF line parsing (a bare LF fails, in headers and in chunked framing),
     * Netty's RFC 9112 framing checks ({@code Transfer-Encoding} with {@code Content-Length}, a final coding other than
     * chunked, several {@code Content-Length} values, {@code Transfer-Encoding} in HTTP/1.0), unvalidated headers (the
     * {@link RequestHeadCheck} checks them) and validated trailers.
     */
    public static HttpDecoderConfig decoderConfig(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(maxInitialLineLength)
                .setMaxHeaderSize(maxHeaderSize)
                .setMaxChunkSize(maxChunkSize)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false)
                .setValidateHeaders(false)
                .setTrailersFactory(TRAILERS);
    }

    /** A name nginx accepts: not empty, and no space, control character or DEL. */
    public static boolean validName(CharSequence name) {
        int len = name.length();
        if (len == 0) {
            return false;
        }
        if (name instanceof AsciiString a) {
            byte[] bytes = a.array();
            for (int i = a.arrayOffset(), end = i + len; i < end; i++) {
                int b = bytes[i] & 0xff;
                if (b <= 0x20 || b == 0x7f) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < len; i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** A value without NUL, CR or LF. */
    public static boolean validValue(CharSequence value) {
        for (int i = 0, len = value.length(); i < len; i++) {
            char c = value.charAt(i);
            if (c <= '\r' && (c == '\r' || c == '\n' || c == 0)) {
                return false;
            }
        }
        return true;
    }
}
