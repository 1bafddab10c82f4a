package dev.gatehouse.gateway.log;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Kong's basic log serializer ({@code kong.log.serialize}, http subsystem, {@code kong/pdk/log.lua}): the payload of
 * http-log and of the gateway's live request events. Fields that Kong leaves nil are absent ({@code tls},
 * {@code tries}, {@code authenticated_entity}, {@code route}, {@code service}, {@code consumer}); the
 * {@code authorization} and {@code proxy-authorization} request headers are {@code REDACTED}.
 */
public final class LogSerializer {

    private LogSerializer() {}

    public static ObjectNode serialize(RequestLog r) {
        ObjectNode root = Json.object();
        ObjectNode request = root.putObject("request");
        request.put("id", r.requestId() == null ? "" : r.requestId());
        request.put("uri", r.requestUri());
        request.put("url", r.url());
        request.set("querystring", shaped(r.querystring()));
        request.put("method", r.method());
        ObjectNode headers = shaped(r.requestHeaders());
        if (headers.has("authorization")) {
            headers.put("authorization", "REDACTED");
        }
        if (headers.has("proxy-authorization")) {
            headers.put("proxy-authorization", "REDACTED");
        }
        request.set("headers", headers);
        request.put("size", r.requestSize());
        if (r.tls() != null) {
            ObjectNode tls = request.putObject("tls");
            tls.put("version", r.tls().version());
            tls.put("cipher", r.tls().cipher());
            tls.put("client_verify", r.tls().clientVerify());
        }
        root.put("upstream_uri", r.upstreamUri());
        root.put("upstream_status", r.upstreamStatus());
        ObjectNode response = root.putObject("response");
        response.put("status", r.status());
        response.set("headers", shaped(r.responseHeaders()));
        response.put("size", r.responseSize());
        ObjectNode latencies = root.putObject("latencies");
        latencies.put("kong", r.kongLatency());
        latencies.put("proxy", r.proxyLatency());
        latencies.put("request", r.requestLatency());
        latencies.put("receive", r.receiveLatency());
        if (r.tries() != null) {
            ArrayNode tries = root.putArray("tries");
            for (UpstreamTry t : r.tries()) {
                ObjectNode o = tries.addObject();
                o.put("balancer_start", t.balancerStart());
                o.put("balancer_start_ns", t.balancerStartNs());
                o.put("balancer_latency", t.balancerLatency());
                o.put("balancer_latency_ns", t.balancerLatencyNs());
                o.put("ip", t.ip());
                o.put("port", t.port());
                if (t.state() != null) {
                    o.put("state", t.state());
                    o.put("code", t.code());
                }
            }
        }
        if (r.credential() != null) {
            ObjectNode ae = root.putObject("authenticated_entity");
            ae.put("id", r.credential().id());
            ae.put("consumer_id", r.credential().consumerId());
        }
        if (r.route() != null) {
            root.set("route", r.route().deepCopy());
        }
        if (r.service() != null) {
            root.set("service", r.service().deepCopy());
        }
        if (r.consumer() != null) {
            root.set("consumer", r.consumer().deepCopy());
        }
        root.put("client_ip", r.clientIp());
        root.put("started_at", r.startedAt());
        root.put("source", r.source());
        root.put("workspace", r.workspace());
        root.put("workspace_name", r.workspaceName());
        return root;
    }

    @SuppressWarnings("unchecked")
    private static ObjectNode shaped(Map<String, Object> values) {
        ObjectNode o = Json.object();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?> list) {
                ArrayNode a = o.putArray(e.getKey());
                ((List<String>) list).forEach(a::add);
            } else if (v instanceof Boolean b) {
                o.put(e.getKey(), b);
            } else {
                o.put(e.getKey(), String.valueOf(v));
            }
        }
        return o;
    }
}
