package dev.gatehouse.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gatehouse.gateway.error.Errors;
import dev.gatehouse.gateway.error.KongException;
import dev.gatehouse.gateway.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * Kong's paging ({@code size}, {@code offset}): rows in primary-key order, an opaque base64 offset naming the
 * last row returned, present only when another page exists.
 */
final class Pagination {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;

    /** One page of ids and the offset of the next page (null on the last page). */
    record Page<T>(List<T> items, String offset) {}

    private Pagination() {}

    /** Kong's {@code get_page_size} and {@code validate_size_value}. */
    static int size(JsonNode raw) {
        if (raw == null) {
            return DEFAULT_SIZE;
        }
        JsonNode n = raw.isArray() && raw.size() > 0 ? raw.get(0) : raw;
        JsonNode num = ArgDecoder.toNumber(n);
        if (num == null) {
            throw new KongException(Errors.invalidSize("size must be a number"));
        }
        double d = num.doubleValue();
        if (d != Math.floor(d) || d < 1 || d > MAX_SIZE) {
            throw new KongException(Errors.invalidSize("size must be an integer between 1 and " + MAX_SIZE));
        }
        return (int) d;
    }

    /** The id after which the page starts, or null for the first page. */
    static String afterId(JsonNode raw) {
        if (raw == null || raw.isNull()) {
            return null;
        }
        String offset = raw.isArray() && raw.size() > 0 ? raw.get(0).asText() : raw.asText();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(offset);
        } catch (IllegalArgumentException e) {
            throw new KongException(Errors.invalidOffset(offset, "bad base64 encoding"));
        }
        try {
            JsonNode token = Json.MAPPER.readTree(new String(decoded, StandardCharsets.UTF_8));
            if (token != null
                    && token.isArray()
                    && token.size() == 1
                    && token.get(0).isTextual()) {
                return token.get(0).textValue();
            }
        } catch (java.io.IOException e) {
            // falls through to the error below
        }
        throw new KongException(Errors.invalidOffset(offset, "bad json encoding"));
    }

    static String offsetFor(String id) {
        ArrayNode token = Json.array();
        token.add(id);
        return Base64.getEncoder().encodeToString(token.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Pages rows that are already sorted by id. */
    static <T> Page<T> page(
            List<T> sorted, java.util.function.Function<T, String> idOf, int size, String after, Predicate<T> filter) {
        List<T> out = new ArrayList<>(Math.min(size, sorted.size()));
        boolean more = false;
        for (T row : sorted) {
            if (after != null && idOf.apply(row).compareTo(after) <= 0) {
                continue;
            }
            if (!filter.test(row)) {
                continue;
            }
            if (out.size() == size) {
                more = true;
                break;
            }
            out.add(row);
        }
        String offset = more ? offsetFor(idOf.apply(out.get(out.size() - 1))) : null;
        return new Page<>(out, offset);
    }
}
