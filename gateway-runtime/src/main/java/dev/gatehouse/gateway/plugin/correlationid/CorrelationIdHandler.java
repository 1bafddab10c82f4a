package dev.gatehouse.gateway.plugin.correlationid;

import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;

/**
 * correlation-id's access and header_filter phases ({@code kong/plugins/correlation-id/handler.lua}): a request
 * without the header (or with an empty one) gets a generated id upstream; with {@code echo_downstream} the id, or
 * the client's own, or a fresh one when access did not run, is set on the response.
 */
final class CorrelationIdHandler implements PluginHandler {

    private static final String KEY = "correlation_id";

    private final CorrelationIdConfig config;
    private final Generators generators;

    CorrelationIdHandler(CorrelationIdConfig config, Generators generators) {
        this.config = config;
        this.generators = generators;
    }

    @Override
    public void access(PluginContext ctx) {
        String header = config.headerName();
        if (header == null) {
            return;
        }
        String id = ctx.request().header(header);
        if (id == null || id.isBlank()) {
            id = generators.generate(config.generator(), ctx.request());
            ctx.serviceRequest().setHeader(header, id);
        }
        if (config.echoDownstream()) {
            ctx.pluginContext().put(KEY, id);
        }
    }

    @Override
    public void headerFilter(PluginContext ctx) {
        String header = config.headerName();
        if (!config.echoDownstream() || header == null) {
            return;
        }
        Object stored = ctx.pluginContext().get(KEY);
        String id = stored != null ? (String) stored : ctx.request().header(header);
        if (id == null || id.isBlank()) {
            id = generators.generate(config.generator(), ctx.request());
        }
        ctx.response().setHeader(header, id);
    }
}
