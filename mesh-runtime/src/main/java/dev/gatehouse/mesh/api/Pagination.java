package dev.gatehouse.mesh.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.validation.Violation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Kuma's list paging (pkg/api-server/pagination.go @v2.14.3): {@code size} defaults to 100, at most 1000, anything
 * else is 400 "Invalid page size"; {@code offset} is an opaque token (here: the index of the first item); {@code next}
 * is an absolute URL with {@code offset} set, or null on the last page.
 */
public final class Pagination {
    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;

    private Pagination() {}

    /** Builds {@code {total, items, next}} for one page of {@code all}. */
    public static ObjectNode page(ApiRequest req, List<? extends JsonNode> all, String title) {
        int size = size(req, title);
        int offset = offset(req, title);
        int end = Math.min(all.size(), offset + size);
        ObjectNode out = ResourceCodec.JSON.createObjectNode();
        out.put("total", all.size());
        ArrayNode items = out.putArray("items");
        for (int i = Math.min(offset, all.size()); i < end; i++) {
            items.add(all.get(i));
        }
        if (end < all.size()) {
            out.put("next", nextUrl(req, end));
        } else {
            out.putNull("next");
        }
        return out;
    }

    private static int size(ApiRequest req, String title) {
        String s = req.param("size");
        if (s == null || s.isEmpty()) {
            return DEFAULT_SIZE;
        }
        int size;
        try {
            size = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw invalidSize(title, "invalid format");
        }
        if (size <= 0) {
            throw invalidSize(title, "must be greater than 0");
        }
        if (size > MAX_SIZE) {
            throw invalidSize(title, "Invalid page size of " + size + ". Maximum page size is " + MAX_SIZE);
        }
        return size;
    }

    private static ApiError invalidSize(String title, String reason) {
        return new ApiError(400, title, "Invalid page size", List.of(new Violation("size", reason)));
    }

    private static int offset(ApiRequest req, String title) {
        String o = req.param("offset");
        if (o == null || o.isEmpty()) {
            return 0;
        }
        try {
            int v = Integer.parseInt(o);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ApiError(400, title, "Invalid offset", List.of(new Violation("offset", "invalid format")));
        }
    }

    /** Go's {@code url.Values.Encode}: keys sorted. */
    private static String nextUrl(ApiRequest req, int offset) {
        Map<String, List<String>> q = new TreeMap<>(req.query());
        q.put("offset", List.of(Integer.toString(offset)));
        String query = q.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> enc(e.getKey()) + "=" + enc(v)))
                .collect(Collectors.joining("&"));
        return req.scheme() + "://" + req.host() + req.path() + "?" + query;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
