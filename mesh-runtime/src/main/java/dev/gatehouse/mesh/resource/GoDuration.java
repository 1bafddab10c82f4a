package dev.gatehouse.mesh.resource;

import java.math.BigInteger;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, which jsonpb applies to a {@code google.protobuf.Duration} field ("1s", "1h30m",
 * "0.5ms", "-2m", "0"): the accepted syntax, the value in nanoseconds, and Go's error messages.
 */
public final class GoDuration {
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(63);
    private static final Map<String, Long> UNITS = Map.of(
            "ns",
            1L,
            "us",
            1_000L,
            "\u00b5s",
            1_000L,
            "\u03bcs",
            1_000L,
            "ms",
            1_000_000L,
            "s",
            1_000_000_000L,
            "m",
            60_000_000_000L,
            "h",
            3_600_000_000_000L);

    /** A string Go refuses; the message is Go's ({@code time: invalid duration "x"}, ...). */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private GoDuration() {}

    /** The duration in nanoseconds. */
    public static long parseNanos(String text) throws Invalid {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigInteger total = BigInteger.ZERO;
        while (!s.isEmpty()) {
            char c = s.charAt(0);
            if (c != '.' && !digit(c)) {
                throw invalid(text);
            }
            int i = 0;
            while (i < s.length() && digit(s.charAt(i))) {
                i++;
            }
            boolean before = i > 0;
            BigInteger whole = before ? new BigInteger(s.substring(0, i)) : BigInteger.ZERO;
            if (whole.compareTo(LIMIT) >= 0) {
                throw invalid(text); // Go's leadingInt overflows
            }
            s = s.substring(i);
            String fraction = "";
            if (!s.isEmpty() && s.charAt(0) == '.') {
                int j = 1;
                while (j < s.length() && digit(s.charAt(j))) {
                    j++;
                }
                fraction = s.substring(1, j);
                s = s.substring(j);
            }
            if (!before && fraction.isEmpty()) {
                throw invalid(text);
            }
            int u = 0;
            while (u < s.length() && s.charAt(u) != '.' && !digit(s.charAt(u))) {
                u++;
            }
            if (u == 0) {
                throw new Invalid("time: missing unit in duration " + quote(text));
            }
            String unitName = s.substring(0, u);
            s = s.substring(u);
            Long unit = UNITS.get(unitName);
            if (unit == null) {
                throw new Invalid("time: unknown unit " + quote(unitName) + " in duration " + quote(text));
            }
            BigInteger value = whole.multiply(BigInteger.valueOf(unit));
            if (whole.compareTo(LIMIT.divide(BigInteger.valueOf(unit))) > 0) {
                throw invalid(text);
            }
            if (!fraction.isEmpty()) {
                // Go adds float64(f) * (unit / scale); exact enough to tell zero from not.
                double part = Double.parseDouble("0." + fraction) * unit;
                value = value.add(BigInteger.valueOf((long) part));
                if (value.compareTo(LIMIT) > 0) {
                    throw invalid(text);
                }
            }
            total = total.add(value);
            if (total.compareTo(LIMIT) > 0) {
                throw invalid(text);
            }
        }
        if (negative) {
            return total.negate().longValue();
        }
        if (total.compareTo(LIMIT) >= 0) {
            throw invalid(text);
        }
        return total.longValue();
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Invalid invalid(String text) {
        return new Invalid("time: invalid duration " + quote(text));
    }

    /** The time package's {@code quote}: quotes and backslashes escaped, other than printable ASCII as {@code \xNN}. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < ' ' || c >= 0x80) {
                out.append(String.format("\\x%02x", c));
            } else {
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append((char) c);
            }
        }
        return out.append('"').toString();
    }
}
