package dev.gatehouse.app.kubernetes.gateway;

import dev.gatehouse.app.repository.gateway.GatewayException;
import java.util.Map;

/** The repository's own refusals, in Kong's error model (kong/db/errors.lua codes) so forms place them. */
final class Refusals {

    private Refusals() {}

    /** Code 2: one field (or {@code @entity}) is wrong. */
    static GatewayException schemaViolation(String field, String message) {
        return new GatewayException(
                400, 2, "schema violation (" + field + ": " + message + ")", Map.of(field, message));
    }

    /** Code 4: the entity is still referenced, or a reference points at nothing. */
    static GatewayException foreignKey(String field, String message) {
        return new GatewayException(400, 4, message, Map.of(field, message));
    }

    /** Code 5: another entity already has this identity. */
    static GatewayException unique(String field, String message) {
        return new GatewayException(409, KubernetesErrors.UNIQUE_VIOLATION, message, Map.of(field, message));
    }

    static GatewayException notFound(String what) {
        return new GatewayException(404, null, what + " was not found.", Map.of());
    }
}
