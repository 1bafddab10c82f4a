package dev.gatehouse.mesh.resource.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The {@code conf} of a builtin CA backend, decoded the way Kuma decodes it: jsonpb into
 * BuiltinCertificateAuthorityConfig (pkg/plugins/ca/builtin/config/builtin_ca_config.proto @v2.14.3, {@code caCert}
 * with a UInt32Value {@code RSAbits} and a string {@code expiration}); unknown fields are ignored.
 *
 * @param rsaBits    {@code caCert.RSAbits}, 0 when absent (Kuma then uses 2048)
 * @param expiration {@code caCert.expiration}, "" when absent
 */
public record BuiltinCaConf(long rsaBits, String expiration) {
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    /** A {@code conf} jsonpb cannot decode; the message is jsonpb's (Go's encoding/json underneath). */
    public static final class Undecodable extends Exception {
        Undecodable(String message) {
            super(message, null, false, false);
        }
    }

    public static BuiltinCaConf decode(JsonNode conf) throws Undecodable {
        JsonNode caCert = conf == null ? null : conf.get("caCert");
        if (caCert == null || caCert.isNull()) {
            return new BuiltinCaConf(0, "");
        }
        if (!caCert.isObject()) {
            throw new Undecodable(
                    "json: cannot unmarshal " + kind(caCert) + " into Go value of type map[string]json.RawMessage");
        }
        return new BuiltinCaConf(uint32(caCert.get("RSAbits")), string(caCert.get("expiration")));
    }

    /** jsonpb reads a UInt32Value by stripping quotes and unmarshalling the rest into a Go uint32. */
    private static long uint32(JsonNode v) throws Undecodable {
        if (v == null || v.isNull()) {
            return 0;
        }
        String text;
        if (v.isNumber()) {
            text = goNumber(v);
        } else if (v.isTextual()) {
            text = v.asText();
            if (text.isEmpty()) {
                throw new Undecodable("unexpected end of JSON input");
            }
            if (!JSON_NUMBER.matcher(text).matches()) {
                throw new Undecodable("invalid character '" + text.charAt(0) + "' looking for beginning of value");
            }
        } else {
            throw new Undecodable("json: cannot unmarshal " + kind(v) + " into Go value of type uint32");
        }
        try {
            long n = Long.parseLong(text); // Go: strconv.ParseUint of the literal
            if (n >= 0 && n <= UINT32_MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // a fraction, an exponent or too many digits: refused below like any other number out of range
        }
        throw new Undecodable("json: cannot unmarshal number " + text + " into Go value of type uint32");
    }

    private static String string(JsonNode v) throws Undecodable {
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new Undecodable("json: cannot unmarshal " + kind(v) + " into Go value of type string");
        }
        return v.asText();
    }

    /** How Go prints the number a google.protobuf.Struct holds (a float64): integral values without a fraction. */
    private static String goNumber(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        BigDecimal d = v.decimalValue().stripTrailingZeros();
        return d.scale() <= 0 && d.abs().compareTo(BigDecimal.TEN.pow(21)) < 0
                ? d.toBigInteger().toString()
                : d.toPlainString();
    }

    private static String kind(JsonNode v) {
        if (v.isArray()) {
            return "array";
        }
        if (v.isObject()) {
            return "object";
        }
        return v.isTextual() ? "string" : v.isBoolean() ? "bool" : "number";
    }
}
