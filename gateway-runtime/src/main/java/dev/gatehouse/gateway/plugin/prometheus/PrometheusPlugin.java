package dev.gatehouse.gateway.plugin.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;

/**
 * The prometheus plugin (Kong's {@code kong/plugins/prometheus}, priority 13): its log phase counts each finished
 * request into this gateway's {@link Metrics}, which {@link MetricsEndpoint} exposes as {@code GET /metrics} on the
 * Admin API and the status listener. Counting happens only for requests a configured instance applies to.
 */
public final class PrometheusPlugin extends BundledPlugin {

    public static final String NAME = "prometheus";

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("protocols", Typedefs.PROTOCOLS_FIELD)
            .field(
                    "config",
                    Field.record(List.of(
                                    flag(
                                            "per_consumer",
                                            "A boolean value that determines if per-consumer metrics should be"
                                                    + " collected. If enabled, the `kong_http_requests_total` and"
                                                    + " `kong_bandwidth_bytes` metrics fill in the consumer label when"
                                                    + " available."),
                                    flag(
                                            "status_code_metrics",
                                            "A boolean value that determines if status code metrics should be"
                                                    + " collected. If enabled, `http_requests_total`,"
                                                    + " `stream_sessions_total` metrics will be exported."),
                                    flag(
                                            "ai_metrics",
                                            "A boolean value that determines if ai metrics should be collected. If"
                                                    + " enabled, the `ai_llm_requests_total`, `ai_llm_cost_total` and"
                                                    + " `ai_llm_tokens_total` metrics will be exported."),
                                    flag(
                                            "latency_metrics",
                                            "A boolean value that determines if latency metrics should be collected."
                                                    + " If enabled, `kong_latency_ms`, `upstream_latency_ms` and"
                                                    + " `request_latency_ms` metrics will be exported."),
                                    flag(
                                            "bandwidth_metrics",
                                            "A boolean value that determines if bandwidth metrics should be"
                                                    + " collected. If enabled, `bandwidth_bytes` and"
                                                    + " `stream_sessions_total` metrics will be exported."),
                                    flag(
                                            "upstream_health_metrics",
                                            "A boolean value that determines if upstream metrics should be collected."
                                                    + " If enabled, `upstream_target_health` metric will be exported."),
                                    flag(
                                            "wasm_metrics",
                                            "A boolean value that determines if Wasm metrics should be collected.")))
                            .build())
            .build();

    private final Metrics metrics = new Metrics();

    public PrometheusPlugin() {
        super(NAME, 13, SCHEMA, List.of());
    }

    private static NamedField flag(String name, String description) {
        return NamedField.of(
                name, Field.bool().defaultValue(false).description(description).build());
    }

    /** What this gateway's instances have counted (kept across configuration changes, as Kong's shared dict). */
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        JsonNode c = instance.config();
        return new PrometheusHandler(
                metrics,
                new PrometheusHandler.Options(
                        c.path("per_consumer").asBoolean(false),
                        c.path("status_code_metrics").asBoolean(false),
                        c.path("latency_metrics").asBoolean(false),
                        c.path("bandwidth_metrics").asBoolean(false)));
    }
}
