package dev.gatehouse.app.repository.gateway;

import java.util.Map;
import java.util.Optional;

/**
 * The gateway refused a call, with Kong's error model (kong/db/errors.lua): HTTP status, Kong's error code, the
 * message, and each field's error keyed by its dotted path ({@code config.key_names}) so forms can mark the input.
 */
public final class GatewayException extends RuntimeException {

    /** The path of errors about the whole entity rather than one field (Kong's {@code @entity}). */
    public static final String ENTITY_FIELD = "@entity";

    private static final int UNIQUE_VIOLATION = 5;
    private static final int NOT_IMPLEMENTED = 501;

    private final int status;
    private final Integer code;
    private final Map<String, String> fieldErrors;

    public GatewayException(int status, Integer code, String message, Map<String, String> fieldErrors) {
        super(message);
        this.status = status;
        this.code = code;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public int status() {
        return status;
    }

    /** Kong's error code (2 = schema violation, 5 = unique violation, ...), absent for plain-message errors. */
    public Optional<Integer> code() {
        return Optional.ofNullable(code);
    }

    /** Field errors by dotted path; entity-level errors under {@link #ENTITY_FIELD}. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    /** Another entity already has this name, username or key. */
    public boolean isUniqueViolation() {
        return code != null && code == UNIQUE_VIOLATION;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    /** This connection does not offer a kind of entity at all (a Kubernetes connection has no upstreams). */
    public static GatewayException notOffered(String message) {
        return new GatewayException(NOT_IMPLEMENTED, null, message, Map.of());
    }

    /**
     * The gateway has no such kind of entity: this connection does not offer it (501), or the gateway answers
     * 404 for its whole collection (an older Kong without {@code /ca_certificates}).
     */
    public boolean isNotOffered() {
        return status == NOT_IMPLEMENTED || status == 404;
    }
}
