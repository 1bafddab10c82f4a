package dev.gatehouse.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A route as the proxy uses it once matched: its service (null for a route without one, answered with 503), the
 * request rewriting options and the protocols it accepts, plus the entity as Kong's log serializer prints it.
 */
public record ProxyRoute(
        String id,
        String name,
        ProxyService service,
        boolean stripPath,
        boolean preserveHost,
        boolean acceptsHttp,
        boolean acceptsHttps,
        int httpsRedirectStatusCode,
        boolean grpc,
        ObjectNode logJson) {}
