package dev.gatehouse.gateway.plugin.requesttermination;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.Request;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * request-termination's access phase ({@code kong/plugins/request-termination/handler.lua}): unless a configured
 * {@code trigger} is missing from both the headers and the query, the request ends with {@code status_code} and
 * either the raw {@code body} (with {@code content_type}), an echo of the request, or {@code {"message": ...}} (the
 * configured message, else Kong's default for 401/404/405/500/502/503, else no body). These are
 * {@code kong.response.exit} answers, not errors: no {@code request_id} in the body.
 */
final class RequestTerminationHandler implements PluginHandler {

    private static final Map<Integer, String> DEFAULT_RESPONSE = Map.of(
            401, "Unauthorized",
            404, "Not found",
            405, "Method not allowed",
            500, "An unexpected error occurred",
            502, "Bad Gateway",
            503, "Service unavailable");
    private static final String JSON = "application/json; charset=utf-8";

    private final RequestTerminationConfig config;
    private final String message;

    RequestTerminationHandler(RequestTerminationConfig config) {
        this.config = config;
        this.message = config.message() != null ? config.message() : DEFAULT_RESPONSE.get(config.statusCode());
    }

    @Override
    public boolean readsRequestBody() {
        return config.echo(); // the echo carries the body
    }

    @Override
    public void access(PluginContext ctx) {
        Request request = ctx.request();
        String trigger = config.trigger();
        if (trigger != null
                && request.header(trigger) == null
                && !request.queryArgs().containsKey(trigger)) {
            return;
        }
        int status = config.statusCode();
        if (config.echo()) {
            ctx.response().exit(status, Json.write(echo(ctx)), Map.of("Content-Type", JSON));
        } else if (config.body() != null) {
            Map<String, String> headers = new HashMap<>();
            if (config.contentType() != null) {
                headers.put("Content-Type", config.contentType());
            }
            ctx.response().exit(status, config.body(), headers);
        } else if (message != null) {
            ObjectNode body = Json.object().put("message", message);
            ctx.response().exit(status, Json.write(body), Map.of("Content-Type", JSON));
        } else {
            ctx.response().exit(status, Map.of());
        }
    }

    /** The handler's echo table, with the parts of the request the gateway's PDK has. */
    private ObjectNode echo(PluginContext ctx) {
        Request r = ctx.request();
        ObjectNode out = Json.object();
        if (message != null) {
            out.put("message", message);
        }
        out.putObject("kong").put("worker_pid", ProcessHandle.current().pid());
        ObjectNode req = out.putObject("request");
        req.put("scheme", r.scheme());
        req.put("host", r.host());
        req.put("port", r.port());
        req.set("headers", Json.MAPPER.valueToTree(singleOrList(r.headers())));
        req.set("query", Json.MAPPER.valueToTree(singleOrList(r.queryArgs())));
        req.set("body", Json.MAPPER.valueToTree(r.body()));
        req.put("raw_body", r.rawBody());
        req.put("method", r.method());
        req.put("path", r.path());
        if (ctx.route() != null) {
            out.set("matched_route", ctx.route().logJson());
        }
        if (ctx.service() != null) {
            out.set("matched_service", ctx.service().logJson());
        }
        return out;
    }

    /** Kong's tables: one value as a string, several as an array, a query name without value as {@code true}. */
    private static Map<String, Object> singleOrList(Map<String, List<String>> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v.size() == 1) {
                out.put(k, v.get(0) == null ? Boolean.TRUE : v.get(0));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
