package dev.gatehouse.app.declarative.kubernetes;

import java.util.Optional;

/**
 * A Gateway API Gateway that HTTPRoutes attach to: its name, and its namespace when it is not the route's own
 * ({@code parentRefs[].namespace}). Written {@code name} or {@code namespace/name}.
 */
public record GatewayRef(Optional<String> namespace, String name) {

    public GatewayRef {
        namespace = namespace.filter(n -> !n.isBlank());
    }

    /** {@code kong} or {@code kong/kong}. */
    public static GatewayRef parse(String text) {
        int slash = text.indexOf('/');
        return slash < 0
                ? new GatewayRef(Optional.empty(), text)
                : new GatewayRef(Optional.of(text.substring(0, slash)), text.substring(slash + 1));
    }

    /** The namespace the Gateway is in, for a route in {@code routeNamespace}. */
    public String namespaceFor(String routeNamespace) {
        return namespace.orElse(routeNamespace);
    }

    /** As {@link #parse} reads it. */
    public String text() {
        return namespace.map(n -> n + "/" + name).orElse(name);
    }
}
