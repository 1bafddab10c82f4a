package dev.gatehouse.gateway.plugin.requesttransformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.Request;
import dev.gatehouse.gateway.plugin.ServiceRequest;
import dev.gatehouse.gateway.plugin.requesttransformer.RequestTransformerConfig.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * request-transformer's access phase ({@code kong/plugins/request-transformer/access.lua}), in its order: the
 * {@code replace.uri} path, {@code http_method} (a form body moves into the query for GET, HEAD and TRACE), headers,
 * body (form-urlencoded, JSON, multipart/form-data fields), querystring. Templates read the request as it arrived.
 */
final class RequestTransformerHandler implements PluginHandler {

    private final RequestTransformerConfig config;
    private final boolean readsBody;

    RequestTransformerHandler(RequestTransformerConfig config) {
        this.config = config;
        String m = config.httpMethod();
        this.readsBody = config.transformsBody() || "GET".equals(m) || "HEAD".equals(m) || "TRACE".equals(m);
    }

    @Override
    public boolean readsRequestBody() {
        return readsBody;
    }

    @Override
    public void access(PluginContext ctx) {
        Template.Env env = env(ctx.request());
        if (config.uri() != null) {
            ctx.serviceRequest().setPath(config.uri().render(env));
        }
        transformMethod(ctx);
        transformHeaders(ctx, env);
        transformBody(ctx, env);
        transformQuery(ctx, env);
    }

    /** The template environment, from the request as it is before this plugin changes it. */
    private static Template.Env env(Request r) {
        Map<String, List<String>> headers = r.headers();
        Map<String, List<String>> query = copy(r.queryArgs());
        Map<String, String> captures = r.uriCaptures();
        return new Template.Env(
                name -> {
                    List<String> v = headers.get(Template.headerKey(name));
                    return v == null ? null : String.join(", ", v);
                },
                name -> {
                    List<String> v = query.get(name);
                    return v == null ? null : v.get(0) == null ? "true" : v.get(0);
                },
                captures::get);
    }

    private void transformMethod(PluginContext ctx) {
        String method = config.httpMethod();
        if (method == null) {
            return;
        }
        ctx.serviceRequest().setMethod(method.toUpperCase(Locale.ROOT));
        if ((method.equals("GET") || method.equals("HEAD") || method.equals("TRACE"))
                && BodyType.of(ctx.request().header("content-type")) == BodyType.FORM) {
            Map<String, List<String>> params = FormArgs.decode(ctx.request().rawBody());
            if (!params.isEmpty()) {
                Map<String, List<String>> query =
                        new TreeMap<>(copy(ctx.request().queryArgs()));
                params.forEach((name, values) -> query.merge(name, values, (a, b) -> {
                    List<String> all = new ArrayList<>(a);
                    all.addAll(b);
                    return all;
                }));
                ctx.serviceRequest().setQuery(query);
            }
        }
    }

    private void transformHeaders(PluginContext ctx, Template.Env env) {
        Request in = ctx.request();
        ServiceRequest out = ctx.serviceRequest();
        for (Entry e : config.remove().headers()) {
            if (!isHost(e.name()) && !in.headerValues(e.name()).isEmpty()) {
                out.clearHeader(e.name());
            }
        }
        for (Entry e : config.rename().headers()) {
            String newName = render(e, env);
            if (newName == null || isHost(e.name()) || e.name().equals(newName)) {
                continue;
            }
            List<String> values = List.copyOf(in.headerValues(e.name()));
            if (!values.isEmpty()) {
                out.clearHeader(e.name());
                out.clearHeader(newName);
                values.forEach(v -> out.addHeader(newName, v));
            }
        }
        for (Entry e : config.replace().headers()) {
            String v = render(e, env);
            if (v != null && (isHost(e.name()) || in.header(e.name()) != null)) {
                out.setHeader(e.name(), v);
            }
        }
        for (Entry e : config.add().headers()) {
            String v = render(e, env);
            if (v != null && !isHost(e.name()) && in.header(e.name()) == null) {
                out.setHeader(e.name(), v);
            }
        }
        for (Entry e : config.append().headers()) {
            String v = render(e, env);
            if (v != null && !isHost(e.name())) {
                out.addHeader(e.name(), v);
            }
        }
    }

    private void transformBody(PluginContext ctx, Template.Env env) {
        if (!config.transformsBody()) {
            return;
        }
        BodyType type = BodyType.of(ctx.request().header("content-type"));
        if (type == null) {
            return;
        }
        String raw = ctx.request().rawBody();
        if (raw == null) {
            return; // larger than the body buffer: left as sent (Kong would transform an empty body instead)
        }
        boolean hasBody = !raw.isEmpty();
        byte[] result = switch (type) {
            case JSON -> json(raw, hasBody, env);
            case FORM -> form(raw, hasBody, env);
            case MULTIPART -> multipart(ctx, hasBody, env);
        };
        if (result != null) {
            ctx.serviceRequest().setRawBody(result);
        }
    }

    private byte[] json(String raw, boolean hasBody, Template.Env env) {
        ObjectNode params;
        if (!hasBody) {
            params = Json.object();
        } else {
            JsonNode parsed;
            try {
                parsed = Json.MAPPER.readTree(raw);
            } catch (Exception e) {
                return null; // not JSON: sent as it came
            }
            if (!(parsed instanceof ObjectNode o)) {
                return null;
            }
            params = o;
        }
        boolean changed = false;
        if (hasBody) {
            for (Entry e : config.remove().body()) {
                params.remove(e.name());
                changed = true;
            }
            for (Entry e : config.rename().body()) {
                String newName = render(e, env);
                if (newName != null && !newName.equals(e.name()) && truthy(params.get(e.name()))) {
                    params.set(newName, params.remove(e.name()));
                    changed = true;
                }
            }
            for (Entry e : config.replace().body()) {
                String v = render(e, env);
                if (v != null && truthy(params.get(e.name()))) {
                    params.put(e.name(), v);
                    changed = true;
                }
            }
        }
        for (Entry e : config.add().body()) {
            String v = render(e, env);
            if (v != null && !truthy(params.get(e.name()))) {
                params.put(e.name(), v);
                changed = true;
            }
        }
        for (Entry e : config.append().body()) {
            String v = render(e, env);
            if (v == null) {
                continue;
            }
            JsonNode old = params.get(e.name());
            ArrayNode list = Json.array();
            if (old instanceof ArrayNode a) {
                list = a;
            } else if (old != null && old.isTextual()) {
                list.add(old);
            }
            list.add(v);
            params.set(e.name(), list);
            changed = true;
        }
        return changed ? Json.write(params).getBytes(StandardCharsets.UTF_8) : null;
    }

    private byte[] form(String raw, boolean hasBody, Template.Env env) {
        Map<String, List<String>> params = FormArgs.decode(raw);
        boolean changed = false;
        if (hasBody) {
            for (Entry e : config.remove().body()) {
                params.remove(e.name());
                changed = true;
            }
            for (Entry e : config.rename().body()) {
                String newName = render(e, env);
                if (newName != null && !newName.equals(e.name()) && params.containsKey(e.name())) {
                    params.put(newName, params.remove(e.name()));
                    changed = true;
                }
            }
            for (Entry e : config.replace().body()) {
                String v = render(e, env);
                if (v != null && params.containsKey(e.name())) {
                    params.put(e.name(), single(v));
                    changed = true;
                }
            }
        }
        changed |= addAndAppend(params, config.add().body(), config.append().body(), env);
        return changed ? FormArgs.encode(params).getBytes(StandardCharsets.UTF_8) : null;
    }

    /** multipart/form-data: rename, remove, replace and add, as access.lua (which has no append for it). */
    private byte[] multipart(PluginContext ctx, boolean hasBody, Template.Env env) {
        Map<String, Object> params = new LinkedHashMap<>(ctx.request().body());
        boolean changed = false;
        if (hasBody) {
            for (Entry e : config.rename().body()) {
                String newName = render(e, env);
                if (newName != null && !newName.equals(e.name()) && params.containsKey(e.name())) {
                    params.put(newName, params.remove(e.name()));
                    changed = true;
                }
            }
            for (Entry e : config.remove().body()) {
                params.remove(e.name());
                changed = true;
            }
            for (Entry e : config.replace().body()) {
                String v = render(e, env);
                if (v != null && params.remove(e.name()) != null) {
                    params.put(e.name(), v);
                    changed = true;
                }
            }
        }
        for (Entry e : config.add().body()) {
            String v = render(e, env);
            if (v != null && !params.containsKey(e.name())) {
                params.put(e.name(), v);
                changed = true;
            }
        }
        if (!changed) {
            return null;
        }
        ctx.serviceRequest().setBody(params);
        return null; // set_body re-encoded it with the request's boundary
    }

    private void transformQuery(PluginContext ctx, Template.Env env) {
        if (!config.transformsQuery()) {
            return;
        }
        Map<String, List<String>> query = new TreeMap<>(copy(ctx.request().queryArgs()));
        for (Entry e : config.remove().querystring()) {
            query.remove(e.name());
        }
        for (Entry e : config.rename().querystring()) {
            String newName = render(e, env);
            if (newName != null && !newName.equals(e.name()) && query.containsKey(e.name())) {
                query.put(newName, query.remove(e.name()));
            }
        }
        for (Entry e : config.replace().querystring()) {
            String v = render(e, env);
            if (v != null && query.containsKey(e.name())) {
                query.put(e.name(), single(v));
            }
        }
        addAndAppend(query, config.add().querystring(), config.append().querystring(), env);
        ctx.serviceRequest().setQuery(query); // Kong's set_query encodes the names in sorted order
    }

    private static boolean addAndAppend(
            Map<String, List<String>> args, List<Entry> add, List<Entry> append, Template.Env env) {
        boolean changed = false;
        for (Entry e : add) {
            String v = render(e, env);
            if (v != null && !args.containsKey(e.name())) {
                args.put(e.name(), single(v));
                changed = true;
            }
        }
        for (Entry e : append) {
            String v = render(e, env);
            if (v != null) {
                args.put(e.name(), FormArgs.append(args.get(e.name()), v));
                changed = true;
            }
        }
        return changed;
    }

    private static String render(Entry e, Template.Env env) {
        return e.value() == null ? null : e.value().render(env);
    }

    private static List<String> single(String v) {
        List<String> l = new ArrayList<>(1);
        l.add(v);
        return l;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> args) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        args.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    private static boolean isHost(String name) {
        return name.equalsIgnoreCase("host");
    }

    /** Lua truthiness of a decoded JSON value: absent and {@code false} are false ({@code null} is cjson.null). */
    private static boolean truthy(JsonNode v) {
        return v != null && !(v.isBoolean() && !v.booleanValue());
    }

    /** access.lua's {@code get_content_type}: the first of JSON, multipart, form the header contains. */
    enum BodyType {
        JSON,
        MULTIPART,
        FORM;

        static BodyType of(String contentType) {
            if (contentType == null) {
                return null;
            }
            String ct = contentType.toLowerCase(Locale.ROOT);
            if (ct.contains("application/json")) {
                return JSON;
            }
            if (ct.contains("multipart/form-data")) {
                return MULTIPART;
            }
            return ct.contains("application/x-www-form-urlencoded") ? FORM : null;
        }
    }
}
