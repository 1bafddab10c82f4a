package dev.gatehouse.gateway.http;

import io.netty.handler.codec.DefaultHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;

/**
 * The characters nginx refuses in a header field, enforced by Netty's header objects on every add and set: a name
 * that is empty or holds a space, a control character or DEL ({@code ngx_http_parse_header_line}: "client sent
 * invalid header line", 400; for an upstream response "upstream sent invalid header", 502), and a value holding NUL,
 * CR or LF. A request decoded with these rules fails (a 400) instead of carrying {@code Transfer-Encoding : chunked}
 * or a bare CR to the upstream, and no header the gateway sets can split a message. The checks are one pass over a
 * name and an intrinsic {@code indexOf} per value; Netty's own value validation would refuse every control
 * character, which nginx forwards.
 */
public final class HeaderFieldRules {

  private static final DefaultHeaders.NameValidator<CharSequence> NAME = HeaderFieldRules::validateName;
  private static final DefaultHeaders.ValueValidator<CharSequence> VALUE = HeaderFieldRules::validateValue;

  /** Headers of messages decoded or built with these rules. */
  public static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
      .withNameValidator(NAME).withValueValidator(VALUE);

  /**
   * Trailers: the same rules (the decoder itself drops {@code Content-Length}, {@code Transfer-Encoding} and
   * {@code Trailer} trailers).
   */
  public static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory()
      .withNameValidator(NAME).withValueValidator(VALUE);

  private HeaderFieldRules() {
  }

  /**
   * A decoder configuration with these rules, strict CRLF line parsing (a bare LF fails, in headers and in chunked
   * framing) and Netty's RFC 9112 framing checks ({@code Transfer-Encoding} with {@code Content-Length}, a final
   * coding other than chunked, several {@code Content-Length} values, {@code Transfer-Encoding} in HTTP/1.0).
   */
  public static HttpDecoderConfig decoderConfig(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize) {
    return new HttpDecoderConfig()
        .setMaxInitialLineLength(maxInitialLineLength)
        .setMaxHeaderSize(maxHeaderSize)
        .setMaxChunkSize(maxChunkSize)
        .setStrictLineParsing(true)
        .setUseRfc9112TransferEncoding(true)
        .setAllowDuplicateContentLengths(false)
        .setHeadersFactory(HEADERS)
        .setTrailersFactory(TRAILERS);
  }

  static void validateName(CharSequence name) {
    int len = name.length();
    if (len == 0) {
      throw new IllegalArgumentException("empty header name");
    }
    if (name instanceof AsciiString a) {
      for (int i = 0; i < len; i++) {
        int b = a.byteAt(i) & 0xff;
        if (b <= 0x20 || b == 0x7f) {
          throw new IllegalArgumentException("invalid character 0x" + Integer.toHexString(b) + " in a header name");
        }
      }
    } else {
      for (int i = 0; i < len; i++) {
        char c = name.charAt(i);
        if (c <= 0x20 || c == 0x7f) {
          throw new IllegalArgumentException("invalid character 0x" + Integer.toHexString(c) + " in a header name");
        }
      }
    }
  }

  static void validateValue(CharSequence value) {
    if (value instanceof String s) {
      if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("CR, LF or NUL in a header value");
      }
      return;
    }
    for (int i = 0, len = value.length(); i < len; i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == '\0') {
        throw new IllegalArgumentException("CR, LF or NUL in a header value");
      }
    }
  }
}
