package dev.gatehouse.app.kubernetes.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * When a bearer token expires, if it says: a JWT's {@code exp} claim (service-account and OIDC tokens are JWTs). Read
 * without verifying the signature, which only the API server can do; it is used to name an expired token as the
 * reason, never to trust one. Opaque tokens say nothing.
 */
final class TokenExpiry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenExpiry() {}

    static Optional<Instant> of(String token) {
        String[] parts = token == null ? new String[0] : token.strip().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims == null ? null : claims.get("exp");
            return exp != null && exp.canConvertToLong()
                    ? Optional.of(Instant.ofEpochSecond(exp.asLong()))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
