package dev.gatehouse.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Decodes request bytes so that invalid UTF-8 survives as lone surrogates (U+DC80..U+DCFF, like Python's
 * "surrogateescape"). Kong passes raw bytes through and rejects them at field level with
 * {@code invalid utf-8 character sequence detected at position N}; this lets us report the same.
 */
public final class Utf8Text {

    private Utf8Text() {}

    /** True when the bytes are well-formed UTF-8. */
    public static boolean isValid(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Decodes UTF-8, mapping each byte of an invalid sequence to U+DC00+byte. */
    public static String decode(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(length + 16);
        StringBuilder sb = new StringBuilder(length);
        while (true) {
            var result = decoder.decode(in, out, true);
            out.flip();
            sb.append(out);
            out.clear();
            if (result.isUnderflow()) {
                decoder.flush(out);
                out.flip();
                sb.append(out);
                return sb.toString();
            }
            if (result.isOverflow()) {
                continue;
            }
            for (int i = 0; i < result.length(); i++) {
                sb.append((char) (0xDC00 | (in.get() & 0xFF)));
            }
        }
    }

    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Returns the 1-based byte position of the first invalid UTF-8 byte (an escaped byte or any other lone
     * surrogate), or 0 when the text is valid.
     */
    public static int invalidPosition(String s) {
        int bytePos = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytePos += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return bytePos + 1;
            } else if (c < 0x80) {
                bytePos += 1;
            } else if (c < 0x800) {
                bytePos += 2;
            } else {
                bytePos += 3;
            }
        }
        return 0;
    }

    /** Replaces lone surrogates by U+FFFD so that a tree can always be serialized. */
    public static String sanitize(String s) {
        if (invalidPosition(s) == 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A copy of the tree with every string (and key) sanitized. */
    public static JsonNode sanitizeTree(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(sanitize(node.textValue()));
        }
        if (node.isArray()) {
            ArrayNode out = Json.array();
            node.forEach(n -> out.add(sanitizeTree(n)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(sanitize(e.getKey()), sanitizeTree(e.getValue()));
            }
            return out;
        }
        return node;
    }
}
