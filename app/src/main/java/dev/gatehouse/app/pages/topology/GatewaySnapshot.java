package dev.gatehouse.app.pages.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What the topology reads from the gateway: who it is, its consumers, services, routes and plugins. */
public record GatewaySnapshot(
        String product,
        List<ObjectNode> consumers,
        List<ObjectNode> services,
        List<ObjectNode> routes,
        List<ObjectNode> plugins) {

    public GatewaySnapshot {
        consumers = List.copyOf(consumers);
        services = List.copyOf(services);
        routes = List.copyOf(routes);
        plugins = List.copyOf(plugins);
    }
}
