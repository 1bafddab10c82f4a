package dev.gatehouse.gateway.proxy.server;

import java.util.concurrent.ThreadLocalRandom;

/** Kong's request ids ({@code $kong_request_id}, nginx's {@code $request_id}): 32 lower-case hex characters. */
final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long a = r.nextLong();
        long b = r.nextLong();
        char[] out = new char[32];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (a & 0xF)];
            a >>>= 4;
            out[16 + i] = HEX[(int) (b & 0xF)];
            b >>>= 4;
        }
        return new String(out);
    }
}
