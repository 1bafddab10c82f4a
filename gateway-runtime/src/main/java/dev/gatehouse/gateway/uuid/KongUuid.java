package dev.gatehouse.gateway.uuid;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Kong's deterministic ids: name-based UUIDv5s, as the router gives the routes it splits and the DB-less loader gives
 * declarative entities without an id.
 */
public final class KongUuid {

    static final UUID ROOT = UUID.fromString("fd02801f-0957-4a15-a55a-c8d9606f30b5");

    private KongUuid() {}

    /**
     * The id of a declarative entity without one: the UUIDv5 of its key in a namespace that is itself the UUIDv5 of
     * the entity name under Kong's fixed root namespace.
     */
    public static String forEntity(String entityName, String key) {
        return v5(v5(ROOT, entityName), key).toString();
    }

    /** A name-based (SHA-1) UUID. */
    public static UUID v5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            sha1.update(name.getBytes(StandardCharsets.UTF_8));
            byte[] h = sha1.digest();
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer bb = ByteBuffer.wrap(h, 0, 16);
            return new UUID(bb.getLong(), bb.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
