package dev.gatehouse.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A number as Kong's Lua prints it ({@code tostring}, {@code ..}, {@code string.format("%s")}): LuaJIT formats every
 * number with C's {@code %.14g} ({@code STRFMT_G14} in LuaJIT's {@code src/lj_strfmt.h}), so 5.0 is {@code 5},
 * 1/3 is {@code 0.33333333333333} and 1e15 is {@code 1e+15}. Every number the gateway shows the way Kong would goes
 * through here (schema messages, {@code pl.pretty} output, plugin headers).
 */
public final class LuaNumber {

    private static final MathContext G14 = new MathContext(14, RoundingMode.HALF_EVEN);
    private static final double EXACT_WHOLE_LIMIT = 1e14; // whole numbers below it have at most 14 digits

    private LuaNumber() {}

    /** C's {@code printf("%.14g", d)}, with LuaJIT's spelling of infinities and NaN. */
    public static String format(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < EXACT_WHOLE_LIMIT) {
            return Long.toString((long) d);
        }
        BigDecimal v = new BigDecimal(d).round(G14); // the exact binary value, rounded as printf rounds it
        int exponent = v.precision() - v.scale() - 1;
        if (exponent < -4 || exponent >= G14.getPrecision()) {
            String mantissa = v.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            int e = Math.abs(exponent);
            return mantissa + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + e;
        }
        return v.stripTrailingZeros().toPlainString();
    }

    /** A JSON number as Lua prints it (JSON numbers are Lua numbers, i.e. doubles, in Kong). */
    public static String format(JsonNode n) {
        return format(n.doubleValue());
    }
}
