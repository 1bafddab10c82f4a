package dev.gatehouse.app.tour;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import java.util.List;
import java.util.Optional;

/**
 * What the tour read from the active connection: the route to the demo app and its protection, a key to call it
 * with, the mesh's mTLS, its allow-all policies, and the two permissions the seed adds (as they would be with mTLS
 * on, so a permission written before mTLS still counts). Absent sides (a gateway-only connection) read as not done.
 */
record PlatformState(
        boolean gateway,
        boolean mesh,
        Optional<DemoService> service,
        Optional<String> routeId,
        Optional<String> routeName,
        boolean keyAuth,
        String keyName,
        Optional<DemoKey> key,
        Optional<ObjectNode> meshResource,
        boolean mtls,
        List<PolicyRef> allowAll,
        boolean gatewayToDemoApp,
        boolean demoAppToRedis,
        boolean meshTrafficPermission) {

    PlatformState {
        allowAll = List.copyOf(allowAll);
        meshResource = meshResource.map(ObjectNode::deepCopy);
    }

    /** Whether {@code step}'s outcome is already in place. */
    boolean holds(TourStep step) {
        return switch (step) {
            case EXPOSE -> routeId.isPresent();
            case REQUIRE_KEY -> keyAuth;
            case CONSUMER_KEY -> key.isPresent();
            case MTLS -> mtls;
            case ZERO_TRUST -> mesh && meshResource.isPresent() && allowAll.isEmpty();
            case GATEWAY_TO_DEMO_APP -> gatewayToDemoApp;
            case DEMO_APP_TO_REDIS -> demoAppToRedis;
        };
    }

    /** Whether the side {@code step} changes is on this connection at all. */
    boolean reachable(TourStep step) {
        return step.onGateway() ? gateway : mesh;
    }

    /**
     * The status the seed says a request to the demo gets now, with the key or without: 404 while nothing routes to
     * it, 401 without a valid key once key-auth is on, 503 while zero trust lets the gateway nowhere, 500 while
     * demo-app may not reach redis, else 200.
     */
    int expectedStatus(boolean withKey) {
        if (routeId.isEmpty()) {
            return 404;
        }
        if (keyAuth && (!withKey || key.isEmpty())) {
            return 401;
        }
        if (mtls && allowAll.isEmpty()) {
            if (!gatewayToDemoApp) {
                return 503;
            }
            if (!demoAppToRedis) {
                return 500;
            }
        }
        return 200;
    }
}
