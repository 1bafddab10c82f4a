package dev.gatehouse.gateway.runtime;

import java.util.Map;

/**
 * One plugin of a route's plan: the handler of each scope that can apply, resolved per request with Kong's
 * precedence ({@code lookup_cfg} in {@code kong/runloop/plugins_iterator.lua}): route+service+consumer,
 * route+consumer, service+consumer, route+service, consumer, route, service, global.
 */
public final class PlanEntry {

    final String name;
    final int priority;
    private final Map<String, PlannedHandler> withConsumer; // RSC, RC, SC: first present, by consumer id
    private final PlannedHandler routeService;
    private final Map<String, PlannedHandler> consumerOnly;
    private final PlannedHandler withoutConsumer; // R, S, G: first present

    PlanEntry(
            String name,
            int priority,
            Map<String, PlannedHandler> withConsumer,
            PlannedHandler routeService,
            Map<String, PlannedHandler> consumerOnly,
            PlannedHandler withoutConsumer) {
        this.name = name;
        this.priority = priority;
        this.withConsumer = withConsumer;
        this.routeService = routeService;
        this.consumerOnly = consumerOnly;
        this.withoutConsumer = withoutConsumer;
    }

    public String name() {
        return name;
    }

    /** The handler for a request authenticated as {@code consumerId} (null: anonymous), or null when none applies. */
    public PlannedHandler resolve(String consumerId) {
        if (consumerId != null && !withConsumer.isEmpty()) {
            PlannedHandler h = withConsumer.get(consumerId);
            if (h != null) {
                return h;
            }
        }
        if (routeService != null) {
            return routeService;
        }
        if (consumerId != null && !consumerOnly.isEmpty()) {
            PlannedHandler h = consumerOnly.get(consumerId);
            if (h != null) {
                return h;
            }
        }
        return withoutConsumer;
    }

    /** Any handler this entry may resolve to. */
    Iterable<PlannedHandler> all() {
        java.util.List<PlannedHandler> out = new java.util.ArrayList<>(withConsumer.values());
        out.addAll(consumerOnly.values());
        if (routeService != null) {
            out.add(routeService);
        }
        if (withoutConsumer != null) {
            out.add(withoutConsumer);
        }
        return out;
    }
}
