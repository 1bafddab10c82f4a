package dev.gatehouse.gateway.plugin.basicauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * basic-auth's password hash ({@code kong/plugins/basic-auth/crypto.lua}): the hex SHA-1 of the password followed
 * by the consumer id (the consumer id alone for a null password). Kept for compatibility with Kong's stored
 * credentials and decK files, not for its strength.
 */
final class PasswordHash {

    private PasswordHash() {}

    static String of(String consumerId, String password) {
        String salted = password == null ? consumerId : password + consumerId;
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(salted.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    /** Compares in constant time, so the answer's timing tells nothing about the stored hash. */
    static boolean matches(String storedHash, String consumerId, String given) {
        return MessageDigest.isEqual(
                storedHash.getBytes(StandardCharsets.US_ASCII),
                of(consumerId, given).getBytes(StandardCharsets.US_ASCII));
    }
}
