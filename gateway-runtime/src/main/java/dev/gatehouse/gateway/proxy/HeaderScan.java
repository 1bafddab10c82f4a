package dev.gatehouse.gateway.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;

/**
 * One pass over a message's headers telling which of a set of names are present, so the proxy only removes headers
 * that exist and adds (rather than replaces) the ones that do not: each skipped lookup is a hash and a bucket scan
 * saved on every request.
 */
final class HeaderScan {

  private final AsciiString[] names;

  HeaderScan(AsciiString... names) {
    if (names.length > 64) {
      throw new IllegalArgumentException("at most 64 names");
    }
    this.names = names;
  }

  /** Bit {@code i} is set when {@code names[i]} is present (case-insensitively). */
  long scan(HttpHeaders headers) {
    long found = 0;
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
      CharSequence name = it.next().getKey();
      int len = name.length();
      for (int i = 0; i < names.length; i++) {
        if (names[i].length() == len && names[i].contentEqualsIgnoreCase(name)) {
          found |= 1L << i;
          break;
        }
      }
    }
    return found;
  }

  static boolean has(long found, int index) {
    return (found & (1L << index)) != 0;
  }
}
