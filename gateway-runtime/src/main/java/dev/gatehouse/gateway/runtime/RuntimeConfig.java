package dev.gatehouse.gateway.runtime;

import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.proxy.ProxyConsumer;
import dev.gatehouse.gateway.proxy.ProxyRoute;
import dev.gatehouse.gateway.proxy.ProxyService;
import dev.gatehouse.gateway.router.RouteMatch;
import dev.gatehouse.gateway.router.RouteRequest;
import dev.gatehouse.gateway.router.Router;
import java.util.Map;

/**
 * The proxy's compiled view of one configuration snapshot: the router, the consumers, a plugin plan per route, and
 * each plugin's index of its entities. Immutable; a request keeps the instance it started with, so a configuration
 * change never disturbs requests in flight.
 */
public final class RuntimeConfig {

    final long version;
    final Router router;
    final Map<String, ProxyService> services;
    final Map<String, ProxyConsumer> consumersById;
    final Map<String, ProxyConsumer> consumersByUsername;
    final Map<String, PluginPlan> plansByRoute;
    final PluginPlan globalPlan;
    final Map<String, Object> indexes;
    final Map<String, RuntimeConfigBuilder.BuiltHandler> handlers;
    final String workspaceId;

    RuntimeConfig(
            long version,
            Router router,
            Map<String, ProxyService> services,
            Map<String, ProxyConsumer> consumersById,
            Map<String, ProxyConsumer> consumersByUsername,
            Map<String, PluginPlan> plansByRoute,
            PluginPlan globalPlan,
            Map<String, Object> indexes,
            Map<String, RuntimeConfigBuilder.BuiltHandler> handlers,
            String workspaceId) {
        this.version = version;
        this.router = router;
        this.services = services;
        this.consumersById = consumersById;
        this.consumersByUsername = consumersByUsername;
        this.plansByRoute = plansByRoute;
        this.globalPlan = globalPlan;
        this.indexes = indexes;
        this.handlers = handlers;
        this.workspaceId = workspaceId;
    }

    /** The snapshot version this configuration was built from. */
    public long version() {
        return version;
    }

    public RouteMatch match(RouteRequest request) {
        return router.match(request);
    }

    /** The plan of a matched route. */
    public PluginPlan plan(ProxyRoute route) {
        PluginPlan p = plansByRoute.get(route.id());
        return p != null ? p : globalPlan;
    }

    /** The global plugins: what runs for requests no route matched. */
    public PluginPlan globalPlan() {
        return globalPlan;
    }

    public ProxyConsumer consumer(String id) {
        return id == null ? null : consumersById.get(id);
    }

    /** Kong's {@code load_consumer(x, true)}: by id, else by username. */
    public ProxyConsumer consumerByIdOrUsername(String x) {
        if (x == null) {
            return null;
        }
        ProxyConsumer c = consumersById.get(x);
        return c != null ? c : consumersByUsername.get(x);
    }

    /** A plugin's index of its entities, or null. */
    public Object index(String pluginName) {
        return indexes.get(pluginName);
    }

    /** The default workspace id (Kong's {@code ws_id} / serializer {@code workspace}). */
    public String workspaceId() {
        return workspaceId;
    }

    /** The router's number of rules (for logs and tests). */
    public int routerSize() {
        return router.size();
    }

    /** Every handler in use (for tests and shutdown). */
    public Iterable<PluginHandler> handlers() {
        return handlers.values().stream().map(b -> b.handler().handler()).toList();
    }
}
