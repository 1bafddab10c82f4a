package dev.gatehouse.gateway.plugin.prometheus;

import dev.gatehouse.gateway.admin.AdminApi;
import dev.gatehouse.gateway.admin.AdminResponse;

/**
 * {@code GET /metrics} (Kong's {@code api.lua} on the Admin API and {@code status_api.lua} on the status listener):
 * the exposition text, {@code Content-Type: text/plain; charset=UTF-8} as Kong's {@code collect} sets it. Rendered on
 * the Admin API's own threads, never on the proxy's event loops.
 */
public final class MetricsEndpoint implements AdminApi.Extension {

    private final Exposition exposition;

    public MetricsEndpoint(PrometheusPlugin plugin, NodeFacts facts) {
        this.exposition = new Exposition(plugin.metrics(), facts);
    }

    @Override
    public void register(AdminApi.Registrar registrar) {
        registrar.add(
                "/metrics",
                "GET",
                (req, uri, post, json) -> AdminResponse.text(200, "text/plain; charset=UTF-8", exposition.render()));
    }
}
