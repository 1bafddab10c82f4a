package dev.gatehouse.app.pages.entities;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Whether key-auth guards a route, with Kong's scoping: a key-auth plugin applies to a route when it is enabled and
 * attached to that route, to the route's service, or globally (no route, service or consumer).
 */
public final class KeyAuthCoverage {

    private final List<JsonNode> keyAuthPlugins;

    public KeyAuthCoverage(List<? extends JsonNode> plugins) {
        this.keyAuthPlugins = plugins.stream()
                .filter(p -> "key-auth".equals(Rows.text(p, "name"))
                        && p.path("enabled").asBoolean(true))
                .map(JsonNode.class::cast)
                .toList();
    }

    /** The key-auth plugin that protects {@code route}, most specific first, if any. */
    public Optional<JsonNode> protecting(JsonNode route) {
        String routeId = Rows.text(route, "id");
        String serviceId = Rows.refId(route, "service");
        Optional<JsonNode> onRoute = find(p -> routeId.equals(Rows.refId(p, "route")));
        if (onRoute.isPresent()) {
            return onRoute;
        }
        Optional<JsonNode> onService = find(p -> !serviceId.isEmpty()
                && serviceId.equals(Rows.refId(p, "service"))
                && Rows.refId(p, "route").isEmpty());
        if (onService.isPresent()) {
            return onService;
        }
        return find(p -> Rows.refId(p, "route").isEmpty()
                && Rows.refId(p, "service").isEmpty()
                && Rows.refId(p, "consumer").isEmpty());
    }

    public boolean isProtected(JsonNode route) {
        return protecting(route).isPresent();
    }

    /** Equal when the same key-auth plugins apply, so an unchanged reload redraws nothing. */
    @Override
    public boolean equals(Object other) {
        return other instanceof KeyAuthCoverage that && keyAuthPlugins.equals(that.keyAuthPlugins);
    }

    @Override
    public int hashCode() {
        return keyAuthPlugins.hashCode();
    }

    private Optional<JsonNode> find(java.util.function.Predicate<JsonNode> scope) {
        return keyAuthPlugins.stream().filter(scope).findFirst();
    }
}
