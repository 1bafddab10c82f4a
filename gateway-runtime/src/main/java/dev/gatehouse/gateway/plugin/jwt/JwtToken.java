package dev.gatehouse.gateway.plugin.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A decoded JWT, as Kong's {@code kong/plugins/jwt/jwt_parser.lua} decodes one: the Base64url header and claims
 * (JSON objects), the signature bytes and the signed input. {@link #parse} throws with the parser's message
 * ({@code invalid JSON}, {@code invalid alg}, {@code invalid signature}), which the handler prefixes with
 * {@code Bad token; }.
 */
record JwtToken(ObjectNode header, ObjectNode claims, byte[] signature, byte[] signedInput) {

    /** Why a token could not be decoded; the message is the parser's. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static JwtToken parse(String token) throws Invalid {
        // tokenize(token, ".", 3): at most three parts, the last keeping any further dots
        String[] parts = token.split("\\.", 3);
        if (parts.length < 3) {
            throw new Invalid("invalid JSON");
        }
        ObjectNode header = object(decode(parts[0]));
        ObjectNode claims = object(decode(parts[1]));
        byte[] signature = decode(parts[2]);
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual() || !JwtAlgorithms.supported(alg.textValue())) {
            throw new Invalid("invalid alg");
        }
        if (signature == null) {
            throw new Invalid("invalid signature");
        }
        return new JwtToken(header, claims, signature, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    }

    String alg() {
        return header.get("alg").textValue();
    }

    private static ObjectNode object(byte[] json) throws Invalid {
        if (json == null) {
            throw new Invalid("invalid JSON");
        }
        try {
            JsonNode n = Json.parse(new String(json, StandardCharsets.UTF_8));
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (RuntimeException e) {
            // falls through to the parser's message
        }
        throw new Invalid("invalid JSON");
    }

    /** The parser's {@code base64_decode}: padding added, URL alphabet mapped; null when not Base64. */
    static byte[] decode(String s) {
        String padded = s.length() % 4 == 0 ? s : s + "=".repeat(4 - s.length() % 4);
        try {
            return Base64.getDecoder().decode(padded.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
