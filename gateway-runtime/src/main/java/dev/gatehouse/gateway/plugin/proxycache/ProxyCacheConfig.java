package dev.gatehouse.gateway.plugin.proxycache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** proxy-cache's {@code config} ({@code kong/plugins/proxy-cache/schema.lua}), read once per configuration version. */
record ProxyCacheConfig(
        List<Integer> responseCode,
        List<String> requestMethod,
        List<String> contentType,
        long cacheTtl,
        boolean cacheControl,
        boolean ignoreUriCase,
        Long storageTtl,
        String dictionaryName,
        List<String> varyQueryParams,
        List<String> varyHeaders,
        boolean ageHeader,
        boolean statusHeader,
        boolean keyHeader) {

    static ProxyCacheConfig of(ObjectNode c) {
        List<Integer> codes = new ArrayList<>();
        c.path("response_code").forEach(n -> codes.add(n.asInt()));
        JsonNode headers = c.path("response_headers");
        JsonNode storage = c.get("storage_ttl");
        return new ProxyCacheConfig(
                List.copyOf(codes),
                strings(c.get("request_method")),
                strings(c.get("content_type")),
                c.path("cache_ttl").asLong(300),
                c.path("cache_control").asBoolean(false),
                c.path("ignore_uri_case").asBoolean(false),
                storage == null || storage.isNull() ? null : storage.asLong(),
                c.path("memory").path("dictionary_name").asText("kong_db_cache"),
                strings(c.get("vary_query_params")),
                strings(c.get("vary_headers")),
                headers.path("age").asBoolean(true),
                headers.path("X-Cache-Status").asBoolean(true),
                headers.path("X-Cache-Key").asBoolean(true));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return List.copyOf(out);
    }
}
