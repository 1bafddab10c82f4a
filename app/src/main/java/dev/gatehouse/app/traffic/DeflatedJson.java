package dev.gatehouse.app.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.Deflater;
import java.util.zip.InflaterInputStream;

/**
 * A log entry kept as deflated UTF-8 JSON: one small array per event instead of a tree of dozens of nodes, so 100,000
 * buffered events stay small and cheap for the garbage collector (the speed bench's RSS target).
 */
public final class DeflatedJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentLinkedQueue<Deflater> DEFLATERS = new ConcurrentLinkedQueue<>();

    private DeflatedJson() {}

    /** {@code entry} as deflated JSON; empty for null. */
    public static byte[] of(ObjectNode entry) {
        if (entry == null) {
            return new byte[0];
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a log entry that is not JSON", e);
        }
        // Deflaters hold native memory: a few are reused (one per thread delivering at the same time), not one each.
        Deflater deflater = DEFLATERS.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.BEST_SPEED);
        }
        try {
            deflater.setInput(json);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 3 + 16);
            byte[] chunk = new byte[Math.max(64, json.length)];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.reset();
            if (DEFLATERS.size() < 8) {
                DEFLATERS.offer(deflater);
            } else {
                deflater.end();
            }
        }
    }

    /** A new tree read from {@code deflated}; an empty object when it is empty or unreadable. */
    public static ObjectNode tree(byte[] deflated) {
        if (deflated.length == 0) {
            return JSON.createObjectNode();
        }
        try (var in = new InflaterInputStream(new ByteArrayInputStream(deflated))) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException | ClassCastException e) {
            return JSON.createObjectNode();
        }
    }
}
