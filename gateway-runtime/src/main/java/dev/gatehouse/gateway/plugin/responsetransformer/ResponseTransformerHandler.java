package dev.gatehouse.gateway.plugin.responsetransformer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.Response;
import dev.gatehouse.gateway.plugin.responsetransformer.ResponseTransformerConfig.Entry;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * response-transformer's phases ({@code kong/plugins/response-transformer/handler.lua},
 * {@code header_transformer.lua} and {@code body_transformer.lua}): headers in header_filter (looked up in the
 * headers as they were when the phase began), and, when a JSON transformation is configured and the response is JSON
 * ({@code application/json} or a {@code +json} type), the whole body in body_filter. Other responses are never
 * buffered.
 */
final class ResponseTransformerHandler implements PluginHandler {

    private final ResponseTransformerConfig config;
    private final boolean transformsBody;

    ResponseTransformerHandler(ResponseTransformerConfig config) {
        this.config = config;
        this.transformsBody = config.transformsBody();
    }

    @Override
    public void headerFilter(PluginContext ctx) {
        Response r = ctx.response();
        Map<String, List<String>> headers = r.headers();
        for (Entry e : config.remove().headers()) {
            r.clearHeader(e.name());
        }
        for (Entry e : config.rename().headers()) {
            List<String> values = headers.get(lower(e.name()));
            if (values != null && e.value() != null) {
                r.clearHeader(e.value());
                values.forEach(v -> r.addHeader(e.value(), v));
                r.clearHeader(e.name()); // after the set, as Kong does (a rename to the same name removes it)
            }
        }
        for (Entry e : config.replace().headers()) {
            if (headers.containsKey(lower(e.name())) && e.value() != null) {
                r.setHeader(e.name(), e.value());
            }
        }
        for (Entry e : config.add().headers()) {
            if (!headers.containsKey(lower(e.name())) && e.value() != null) {
                r.setHeader(e.name(), e.value());
            }
        }
        for (Entry e : config.append().headers()) {
            if (e.value() != null) {
                r.addHeader(e.name(), e.value());
            }
        }
        List<String> type = headers.get("content-type");
        if (transformsBody && type != null && isJsonBody(type.get(0))) {
            r.clearHeader("Content-Length"); // the body is going to change
        }
    }

    @Override
    public boolean buffersResponseBody(PluginContext ctx) {
        return transformsBody && isJsonBody(ctx.response().header("Content-Type"));
    }

    @Override
    public byte[] bodyFilter(PluginContext ctx, byte[] body) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return body; // "body transform failed: failed parsing json body": sent as it came
        }
        if (!(parsed instanceof ObjectNode json)) {
            return body;
        }
        for (Entry e : config.remove().json()) {
            json.remove(e.name());
        }
        for (Entry e : config.rename().json()) {
            if (json.has(e.name()) && e.value() != null) {
                json.set(e.value(), json.get(e.name()));
                json.remove(e.name()); // after the set, as Kong does
            }
        }
        for (Entry e : config.replace().json()) {
            JsonNode v = jsonValue(e);
            if (v != null && truthy(json.get(e.name()))) {
                json.set(e.name(), v);
            }
        }
        for (Entry e : config.add().json()) {
            JsonNode v = jsonValue(e);
            if (v != null && !truthy(json.get(e.name()))) {
                json.set(e.name(), v);
            }
        }
        for (Entry e : config.append().json()) {
            JsonNode v = jsonValue(e);
            if (v != null) {
                json.set(e.name(), appendValue(json.get(e.name()), v));
            }
        }
        try {
            return Json.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    /**
     * body_transformer.lua's {@code json_value}: the configured text as cjson encodes a string (quotes and escaped
     * quotes removed; no value is the text {@code null}), then cast to the entry's {@code json_types} element.
     */
    private static JsonNode jsonValue(Entry e) {
        String v;
        if (e.value() == null) {
            v = "null";
        } else {
            String encoded = encode(e.value());
            v = encoded.substring(1, encoded.length() - 1).replace("\\\"", "\"");
        }
        if ("number".equals(e.jsonType())) {
            BigDecimal n = toNumber(v);
            if (n == null) {
                return null; // tonumber gave nil: nothing is set
            }
            return n.stripTrailingZeros().scale() <= 0 && n.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                    ? JsonNodeFactory.instance.numberNode(n.longValue())
                    : JsonNodeFactory.instance.numberNode(n.doubleValue());
        }
        if ("boolean".equals(e.jsonType())) {
            return JsonNodeFactory.instance.booleanNode(v.equals("true"));
        }
        return JsonNodeFactory.instance.textNode(v);
    }

    private static String encode(String s) {
        try {
            return Json.MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Lua's {@code tonumber} on decimal text (surrounding spaces allowed), or null. */
    private static BigDecimal toNumber(String v) {
        try {
            return new BigDecimal(v.strip());
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** body_transformer.lua's {@code append_value}. */
    private static JsonNode appendValue(JsonNode current, JsonNode value) {
        if (current != null && current.isTextual()) {
            ArrayNode a = Json.array();
            a.add(current);
            a.add(value);
            return a;
        }
        if (current instanceof ArrayNode a) {
            a.add(value);
            return a;
        }
        if (current instanceof ObjectNode o) {
            o.set("1", value); // table.insert into a table without an array part
            return o;
        }
        ArrayNode a = Json.array();
        a.add(value);
        return a;
    }

    /** Lua truthiness of a decoded value: absent and {@code false} are false (JSON null is cjson.null, true). */
    private static boolean truthy(JsonNode v) {
        return v != null && !(v.isBoolean() && !v.booleanValue());
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * header_transformer.lua's {@code is_json_body}: one of the comma-separated media types is {@code application/json}
     * or {@code application/*+json} (kong/tools/mime_type.lua's {@code includes}).
     */
    static boolean isJsonBody(String contentType) {
        if (contentType == null) {
            return false;
        }
        for (String part : contentType.split(",")) {
            String mt = part.strip();
            int semi = mt.indexOf(';');
            if (semi >= 0) {
                mt = mt.substring(0, semi).strip();
            }
            int slash = mt.indexOf('/');
            if (slash <= 0) {
                continue;
            }
            String type = mt.substring(0, slash).strip().toLowerCase(Locale.ROOT);
            String subtype = mt.substring(slash + 1).strip().toLowerCase(Locale.ROOT);
            if (type.equals("application") && (subtype.equals("json") || subtype.endsWith("+json"))) {
                return true;
            }
        }
        return false;
    }
}
