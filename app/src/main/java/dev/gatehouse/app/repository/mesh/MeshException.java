package dev.gatehouse.app.repository.mesh;

import java.util.Map;

/**
 * The control plane refused a call, with Kuma's error model (pkg/core/rest/errors/types/error.go): status, title,
 * detail, and each invalid parameter's reason keyed by its field path, so forms can mark the input.
 */
public final class MeshException extends RuntimeException {

    private final int status;
    private final Map<String, String> fieldErrors;

    public MeshException(int status, String message, Map<String, String> fieldErrors) {
        super(message);
        this.status = status;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public int status() {
        return status;
    }

    /** Reasons by field path ({@code spec.from[0].targetRef.kind}). */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
