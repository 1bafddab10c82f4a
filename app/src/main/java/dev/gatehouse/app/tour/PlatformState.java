package dev.gatehouse.app.tour;

import java.util.Optional;

/**
 * What the tour read from the active connection: the gateway's facts and the mesh's, each absent when the
 * connection has no such side (a Kuma-only connection has no gateway).
 */
record PlatformState(Optional<GatewayFacts> gateway, Optional<MeshFacts> mesh) {

    /** The gateway's facts; nothing of the demo when the connection has no gateway. */
    GatewayFacts gw() {
        return gateway.orElse(GatewayFacts.NONE);
    }

    /** The mesh's facts; nothing of the demo when the connection has no mesh. */
    MeshFacts ms() {
        return mesh.orElse(MeshFacts.NONE);
    }

    /** Whether {@code step}'s outcome is already in place. */
    boolean holds(TourStep step) {
        return switch (step) {
            case EXPOSE -> gw().routeId().isPresent();
            case REQUIRE_KEY -> gw().keyAuth();
            case CONSUMER_KEY -> gw().key().isPresent();
            case MTLS -> ms().mtls();
            case ZERO_TRUST ->
                ms().meshResource().isPresent() && ms().allowAll().isEmpty();
            case GATEWAY_TO_DEMO_APP -> ms().gatewayToDemoApp();
            case DEMO_APP_TO_REDIS -> ms().demoAppToRedis();
        };
    }

    /** Whether the side {@code step} changes is on this connection at all. */
    boolean reachable(TourStep step) {
        return step.onGateway() ? gateway.isPresent() : mesh.isPresent();
    }

    /**
     * The status the seed says a request to the demo gets now, with the key or without: 404 while nothing routes to
     * it, 401 without a valid key once key-auth is on, 503 while zero trust lets the gateway nowhere, 500 while
     * demo-app may not reach redis, else 200.
     */
    int expectedStatus(boolean withKey) {
        if (gw().routeId().isEmpty()) {
            return 404;
        }
        if (gw().keyAuth() && (!withKey || gw().key().isEmpty())) {
            return 401;
        }
        if (ms().mtls() && ms().allowAll().isEmpty()) {
            if (!ms().gatewayToDemoApp()) {
                return 503;
            }
            if (!ms().demoAppToRedis()) {
                return 500;
            }
        }
        return 200;
    }
}
