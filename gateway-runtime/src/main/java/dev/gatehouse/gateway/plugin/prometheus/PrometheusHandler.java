package dev.gatehouse.gateway.plugin.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.log.RequestLog;
import dev.gatehouse.gateway.plugin.PluginHandler;

/**
 * The log phase of one prometheus instance (Kong's {@code handler.lua} and {@code exporter.log}): what the instance's
 * flags ask for is counted under the request's service (its name, else its host), route (its name, else its id),
 * workspace and, with {@code per_consumer}, the consumer's username. Requests without a route are not counted.
 */
final class PrometheusHandler implements PluginHandler {

    /** The instance's flags. */
    record Options(boolean perConsumer, boolean statusCodes, boolean latencies, boolean bandwidth) {}

    private final Metrics metrics;
    private final Options options;

    PrometheusHandler(Metrics metrics, Options options) {
        this.metrics = metrics;
        this.options = options;
    }

    @Override
    public void log(RequestLog log) {
        if (log.route() == null) {
            return;
        }
        String route = text(log.route(), "name");
        if (route.isEmpty()) {
            route = text(log.route(), "id");
        }
        String service = "";
        if (log.service() != null) {
            service = text(log.service(), "name");
            if (service.isEmpty()) {
                service = text(log.service(), "host");
            }
        }
        String workspace = log.workspaceName() == null ? "" : log.workspaceName();
        String consumer = "";
        if (options.perConsumer() && log.consumer() != null) {
            consumer = text(log.consumer(), "username");
        }
        if (options.bandwidth()) {
            if (log.requestSize() > 0) {
                metrics.addBandwidth(
                        new Metrics.BandwidthKey(service, route, "ingress", workspace, consumer), log.requestSize());
            }
            if (log.responseSize() > 0) {
                metrics.addBandwidth(
                        new Metrics.BandwidthKey(service, route, "egress", workspace, consumer), log.responseSize());
            }
        }
        if (options.statusCodes()) {
            // kong.response.get_source(): "service" for a proxied response, else it was Kong's ("exit" or "error")
            String source = "upstream".equals(log.source()) ? "service" : "kong";
            metrics.countStatus(new Metrics.StatusKey(service, route, log.status(), source, workspace, consumer));
        }
        if (options.latencies()) {
            Metrics.LatencyKey key = new Metrics.LatencyKey(service, route, workspace);
            if (log.requestLatency() >= 0) {
                metrics.observe(metrics.requestLatency, Metrics.UPSTREAM_LATENCY_BUCKETS, key, log.requestLatency());
            }
            if (log.proxyLatency() >= 0) {
                metrics.observe(metrics.upstreamLatency, Metrics.UPSTREAM_LATENCY_BUCKETS, key, log.proxyLatency());
            }
            if (log.kongLatency() >= 0) {
                metrics.observe(metrics.kongLatency, Metrics.KONG_LATENCY_BUCKETS, key, log.kongLatency());
            }
        }
    }

    private static String text(JsonNode entity, String field) {
        JsonNode v = entity.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
