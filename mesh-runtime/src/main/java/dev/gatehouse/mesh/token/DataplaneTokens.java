package dev.gatehouse.mesh.token;

import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.store.MeshStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Per-dataplane bearer tokens. Only a SHA-256 hash is stored, so the store cannot give a token back; the token itself
 * is shown once, to whoever asked for it (an admin on loopback).
 */
public final class DataplaneTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final MeshStore store;

    public DataplaneTokens(MeshStore store) {
        this.store = store;
    }

    /** Issues a new token for dataplane {@code name} in {@code mesh}. */
    public String issue(String mesh, String name) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "ghdp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        store.write(tx -> {
            tx.putToken(hash(token), mesh, name);
            return null;
        });
        return token;
    }

    /** The dataplane a token belongs to. */
    public Optional<ResourceKey> owner(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return store.tokenOwner(hash(token.strip()));
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
