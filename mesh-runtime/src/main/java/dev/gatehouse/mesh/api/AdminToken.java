package dev.gatehouse.mesh.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The API's admin bearer token ({@code --api-token}). Only its SHA-256 digest is kept, compared in constant time
 * (MessageDigest.isEqual over equal-length digests); {@link #toString} never shows it.
 */
public final class AdminToken {
    private final byte[] digest;

    private AdminToken(byte[] digest) {
        this.digest = digest;
    }

    /** A token; blank ones are refused, as they would admit anyone sending an empty bearer. */
    public static AdminToken of(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the API token must not be empty");
        }
        return new AdminToken(sha256(token.strip()));
    }

    /** Whether {@code candidate} is the token; the time taken does not depend on where they differ. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate.strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[redacted]";
    }
}
