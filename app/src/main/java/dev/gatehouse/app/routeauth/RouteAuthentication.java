package dev.gatehouse.app.routeauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which authentication plugins apply to a route in Kong's precedence; a route with none accepts anonymous requests.
 *
 * <p>Kong picks, for each plugin name, the one most specific instance for the request ({@code lookup_cfg} in
 * kong/runloop/plugins_iterator.lua, Kong master 22246ef and 3.9: route+service+consumer, route+consumer,
 * service+consumer, route+service, consumer, route, service, global). Before a request is authenticated there is
 * no consumer, so only the route+service, route, service and global instances can run an authentication plugin: a
 * consumer-scoped instance runs only once some other plugin has already identified the consumer, so it never
 * authenticates anyone. Disabled instances are not loaded at all ({@code should_process_plugin} skips
 * {@code enabled = false}), so a disabled instance on the route does not hide an enabled global one.
 */
public final class RouteAuthentication {

    /**
     * Kong's authentication plugins, each of which answers 401 to a request without valid credentials: the six in
     * Kong OSS's kong/plugins (priorities 1030 to 1450, all before acl at 950 and the rest of the chain) and Kong
     * Enterprise's openid-connect and mtls-auth, which a remote Kong Enterprise may run.
     */
    public static final Set<String> AUTH_PLUGINS =
            Set.of("key-auth", "basic-auth", "jwt", "hmac-auth", "oauth2", "ldap-auth", "openid-connect", "mtls-auth");

    /** An authentication plugin in effect on a route, and the scope it comes from. */
    public record Applied(String plugin, Scope scope, JsonNode instance) {}

    /** Where an instance that applies to a route is attached, most specific first. */
    public enum Scope {
        ROUTE_AND_SERVICE,
        ROUTE,
        SERVICE,
        GLOBAL
    }

    private final List<JsonNode> candidates;

    /** Reads {@code plugins} (every plugin of the gateway, Kong-shaped) and keeps the enabled authentication ones. */
    public RouteAuthentication(List<? extends JsonNode> plugins) {
        this.candidates = plugins.stream()
                .filter(p -> AUTH_PLUGINS.contains(p.path("name").asText()))
                .filter(p -> p.path("enabled").asBoolean(true))
                .filter(p -> ref(p, "consumer").isEmpty())
                .map(JsonNode.class::cast)
                .toList();
    }

    /** The authentication plugins that run for requests to {@code route}: one per name, its most specific instance. */
    public List<Applied> applying(JsonNode route) {
        String routeId = route.path("id").asText("");
        String serviceId = ref(route, "service");
        List<Applied> applied = new ArrayList<>();
        for (String name : AUTH_PLUGINS.stream().sorted().toList()) {
            mostSpecific(name, routeId, serviceId).ifPresent(applied::add);
        }
        return List.copyOf(applied);
    }

    /** True when no authentication plugin applies: anyone who reaches the proxy can call the route. */
    public boolean isAnonymous(JsonNode route) {
        return applying(route).isEmpty();
    }

    /** How many of {@code routes} accept anonymous requests. */
    public long anonymousCount(Collection<? extends JsonNode> routes) {
        return routes.stream().filter(this::isAnonymous).count();
    }

    private Optional<Applied> mostSpecific(String name, String routeId, String serviceId) {
        Applied best = null;
        for (JsonNode plugin : candidates) {
            if (!name.equals(plugin.path("name").asText())) {
                continue;
            }
            Optional<Scope> scope = scopeOn(plugin, routeId, serviceId);
            if (scope.isPresent() && (best == null || scope.get().compareTo(best.scope()) < 0)) {
                best = new Applied(name, scope.get(), plugin);
            }
        }
        return Optional.ofNullable(best);
    }

    /** The scope through which {@code plugin} applies to the route, if it does (Kong's compound key must match). */
    private static Optional<Scope> scopeOn(JsonNode plugin, String routeId, String serviceId) {
        String onRoute = ref(plugin, "route");
        String onService = ref(plugin, "service");
        boolean routeMatches = !onRoute.isEmpty() && onRoute.equals(routeId);
        boolean serviceMatches = !onService.isEmpty() && onService.equals(serviceId);
        if (!onRoute.isEmpty() && !onService.isEmpty()) {
            return routeMatches && serviceMatches ? Optional.of(Scope.ROUTE_AND_SERVICE) : Optional.empty();
        }
        if (!onRoute.isEmpty()) {
            return routeMatches ? Optional.of(Scope.ROUTE) : Optional.empty();
        }
        if (!onService.isEmpty()) {
            return serviceMatches ? Optional.of(Scope.SERVICE) : Optional.empty();
        }
        return Optional.of(Scope.GLOBAL);
    }

    /** The id of a foreign reference ({@code {"id": ...}}), empty when null or absent. */
    private static String ref(JsonNode entity, String field) {
        return entity.path(field).path("id").asText("");
    }

    /** Equal when the same authentication plugins are in play, so an unchanged reload redraws nothing. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RouteAuthentication that && candidates.equals(that.candidates);
    }

    @Override
    public int hashCode() {
        return candidates.hashCode();
    }
}
