package dev.gatehouse.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.dao.EntityDao;
import dev.gatehouse.gateway.error.KongException;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.json.Utf8Text;
import dev.gatehouse.gateway.plugin.PluginRegistry;
import dev.gatehouse.gateway.store.Store;
import dev.gatehouse.gateway.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kong-compatible Admin API, independent of the HTTP server: authentication, routing, OPTIONS and 405,
 * body rules (Content-Type, JSON parsing, form decoding), Kong's error mapping, and the common headers.
 */
public final class AdminApi {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    static final int MAX_ARGS = 1000;

    private final Router router = new Router();
    private final String adminToken;
    /** Kong's admin_gui_origin: the origins CORS answers name; empty = echo the request's Origin. */
    private final List<String> guiOrigins;

    private final ServerStats stats = new ServerStats();
    private final EntityDao dao;

    /** Optional endpoints added by the composition (e.g. {@code /config}). */
    public interface Extension {
        void register(Registrar registrar);
    }

    /** Adds a handler for a method and path template to the Admin API. */
    @FunctionalInterface
    public interface Registrar {
        void add(String template, String method, RawHandler handler);
    }

    /** A handler that sees the request with decoded arguments. */
    @FunctionalInterface
    public interface RawHandler {
        AdminResponse handle(AdminRequest request, ObjectNode uriArgs, ObjectNode postArgs, boolean jsonBody);
    }

    public AdminApi(
            Store store,
            EntityDao dao,
            PluginRegistry plugins,
            String adminToken,
            java.util.function.Supplier<ObjectNode> configuration,
            String nodeId,
            List<Extension> extensions,
            List<String> guiOrigins) {
        this(store, dao, plugins, adminToken, configuration, nodeId, extensions, guiOrigins, false);
    }

    /**
     * Kong's Status API ({@code kong/status/init.lua}, served on {@code status_listen}): {@code /status} and the
     * given extensions (the plugins' {@code status_api.lua} endpoints), no entities and no token.
     */
    public static AdminApi status(
            Store store,
            EntityDao dao,
            PluginRegistry plugins,
            java.util.function.Supplier<ObjectNode> configuration,
            String nodeId,
            List<Extension> extensions) {
        return new AdminApi(store, dao, plugins, null, configuration, nodeId, extensions, List.of(), true);
    }

    private AdminApi(
            Store store,
            EntityDao dao,
            PluginRegistry plugins,
            String adminToken,
            java.util.function.Supplier<ObjectNode> configuration,
            String nodeId,
            List<Extension> extensions,
            List<String> guiOrigins,
            boolean statusOnly) {
        this.dao = dao;
        this.guiOrigins = List.copyOf(guiOrigins);
        this.adminToken = adminToken == null || adminToken.isEmpty() ? null : adminToken;
        InfoEndpoints info = new InfoEndpoints(store, dao, plugins, stats, configuration, nodeId, router);
        if (statusOnly) {
            info.registerStatus();
        } else {
            new EntityEndpoints(store, dao).register(router);
            info.register();
        }
        for (Extension ext : extensions) {
            ext.register((template, method, h) ->
                    router.add(template, method, c -> h.handle(c.request, c.uriArgs, c.postArgs, c.jsonBody)));
        }
    }

    ServerStats stats() {
        return stats;
    }

    /** Handles one request; never throws. */
    public AdminResponse handle(AdminRequest req) {
        long start = System.nanoTime();
        AdminResponse resp;
        try {
            resp = dispatch(req);
        } catch (KongException e) {
            resp = AdminResponse.error(e.error());
        } catch (EntityEndpoints.NotFound e) {
            resp = AdminResponse.notFound();
        } catch (StoreException e) {
            LOG.error("store failure on {} {}: {}", req.method(), req.rawPath(), e.getMessage());
            resp = AdminResponse.message(500, "An unexpected error occurred");
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on {} {}", req.method(), req.rawPath(), e);
            resp = AdminResponse.message(500, "An unexpected error occurred");
        } catch (StackOverflowError e) { // input nested beyond every bound: answered, and logged without the stack
            LOG.error("stack overflow on {} {}", req.method(), req.rawPath());
            resp = AdminResponse.message(500, "An unexpected error occurred");
        }
        resp.headers().put("X-Kong-Admin-Latency", Long.toString((System.nanoTime() - start) / 1_000_000));
        resp.headers().putIfAbsent("Access-Control-Allow-Origin", allowedOrigin(req.header("Origin")));
        resp.headers().putIfAbsent("Access-Control-Allow-Credentials", "true");
        return resp;
    }

    /**
     * Kong's {@code cors_filter} (kong/api/api_helpers.lua): with admin_gui_url set, the request's Origin when it is
     * one of its origins, else the first; without it, the request's Origin, or {@code *} when there is none. Always
     * with credentials allowed, which browsers accept with an echoed origin but never with {@code *}.
     */
    private String allowedOrigin(String origin) {
        if (guiOrigins.isEmpty()) {
            return origin != null ? origin : "*";
        }
        return origin != null && guiOrigins.contains(origin) ? origin : guiOrigins.getFirst();
    }

    private AdminResponse dispatch(AdminRequest req) {
        if (adminToken != null && !tokenMatches(req.header("Kong-Admin-Token"))) {
            return AdminResponse.message(401, "Invalid credentials. Token or User credentials required");
        }
        Router.Match match = router.match(req.rawPath());
        if (match == null) {
            return AdminResponse.notFound();
        }
        String method = req.method();
        if (method.equals("OPTIONS") && !match.endpoint().methods.containsKey("OPTIONS")) {
            String allow = match.endpoint().allow();
            AdminResponse r = AdminResponse.empty(204);
            r.header("Allow", allow);
            r.header("Access-Control-Allow-Methods", allow);
            String requested = req.header("Access-Control-Request-Headers");
            r.header("Access-Control-Allow-Headers", requested != null ? requested : "Content-Type");
            return r;
        }
        Router.Handler handler = match.endpoint().methods.get(method.equals("HEAD") ? "GET" : method);
        if (handler == null) {
            return AdminResponse.methodNotAllowed();
        }
        boolean needsBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        List<String> contentTypes = req.headers("Content-Type");
        if (contentTypes.size() > 1) {
            return AdminResponse.message(400, "Multiple Content-Type headers not allowed");
        }
        String contentType = contentTypes.isEmpty() ? null : contentTypes.get(0);
        String ct = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        boolean yamlOk = match.endpoint().template.equals("/config");
        if (needsBody) {
            if (contentType == null) {
                if (req.body().length > 0) {
                    return AdminResponse.empty(415);
                }
            } else if (!(ct.startsWith("application/json")
                    || ct.startsWith("multipart/form-data")
                    || ct.startsWith("application/x-www-form-urlencoded")
                    || (yamlOk && (ct.startsWith("application/yaml") || ct.startsWith("text/yaml"))))) {
                return AdminResponse.empty(415);
            }
        }

        List<Map.Entry<String, String>> query = req.query();
        AdminResponse refused = argumentLimits(query);
        if (refused != null) {
            return refused;
        }
        ObjectNode uriArgs = ArgDecoder.nest(query, false);
        ObjectNode postArgs = Json.object();
        boolean json = false;
        if (needsBody && contentType != null) {
            if (ct.startsWith("application/json")) {
                json = true;
                JsonNode parsed = parseJson(req.body());
                if (parsed == null) {
                    return AdminResponse.message(400, "Cannot parse JSON body");
                }
                postArgs = (ObjectNode) parsed;
            } else if (ct.startsWith("application/x-www-form-urlencoded")) {
                List<Map.Entry<String, String>> pairs = PercentDecoding.pairs(Utf8Text.decode(req.body()));
                refused = argumentLimits(pairs);
                if (refused != null) {
                    return refused;
                }
                postArgs = ArgDecoder.nest(pairs, true);
            } else if (ct.startsWith("multipart/form-data")) {
                List<Map.Entry<String, String>> parts = Multipart.parse(contentType, req.body(), MAX_ARGS + 1);
                refused = argumentLimits(parts);
                if (refused != null) {
                    return refused;
                }
                postArgs = ArgDecoder.nest(parts, true);
            }
        }
        Call call = new Call(req, match.params(), uriArgs, postArgs, json, dao.schemas()::get);
        AdminResponse r = handler.handle(call);
        return r == null ? AdminResponse.notFound() : r;
    }

    /**
     * Kong's 400 past 1,000 query or body arguments ({@code kong/api/arguments.lua} asks ngx for at most 1,000
     * and refuses a truncated list), and ours for keys nested past {@link ArgDecoder#MAX_DEPTH}; null when fine.
     */
    private static AdminResponse argumentLimits(List<Map.Entry<String, String>> pairs) {
        if (pairs.size() > MAX_ARGS) {
            return AdminResponse.message(400, "Too many arguments");
        }
        if (ArgDecoder.tooDeep(pairs)) {
            return AdminResponse.message(400, "Too deeply nested arguments");
        }
        return null;
    }

    /** A JSON object (an empty array counts as an empty object, as in Lua), or null when unparseable. */
    static JsonNode parseJson(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode n = Utf8Text.isValid(body, 0, body.length)
                    ? Json.MAPPER.readTree(body)
                    : Json.MAPPER.readTree(Utf8Text.decode(body));
            if (n == null || n.isMissingNode()) {
                return null;
            }
            if (n.isArray() && n.isEmpty()) {
                return Json.object();
            }
            return n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private boolean tokenMatches(String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(
                given.getBytes(StandardCharsets.UTF_8), adminToken.getBytes(StandardCharsets.UTF_8));
    }
}
