package dev.gatehouse.app.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.zip.DataFormatException;

/**
 * A log entry kept as UTF-8 JSON deflated against a dictionary of what entries repeat ({@link DetailsCodec}): one small
 * array per event instead of a tree of dozens of nodes, so 100,000 buffered events stay small and cheap for the
 * garbage collector (the speed bench's RSS target).
 */
public final class DeflatedJson {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        return DetailsCodec.deflate(json);
    }

    /** A new tree read from {@code deflated}; an empty object when it is empty or unreadable. */
    public static ObjectNode tree(byte[] deflated) {
        if (deflated.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return (ObjectNode) JSON.readTree(DetailsCodec.inflate(deflated));
        } catch (IOException | DataFormatException | ClassCastException e) {
            return JSON.createObjectNode();
        }
    }
}
