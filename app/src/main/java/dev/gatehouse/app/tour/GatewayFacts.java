package dev.gatehouse.app.tour;

import java.util.Optional;

/**
 * What the tour reads from a gateway: the service and route to the demo app, whether key-auth guards that route
 * and the header it reads the key from, and a key a consumer owns to call it with.
 */
record GatewayFacts(
        Optional<DemoService> service,
        Optional<String> routeId,
        Optional<String> routeName,
        boolean keyAuth,
        String keyName,
        Optional<DemoKey> key) {

    /** A gateway with nothing of the demo on it (or none at all). */
    static final GatewayFacts NONE = new GatewayFacts(
            Optional.empty(), Optional.empty(), Optional.empty(), false, TourSeed.KEY_NAME, Optional.empty());
}
