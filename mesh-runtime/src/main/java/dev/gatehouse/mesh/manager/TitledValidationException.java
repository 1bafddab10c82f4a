package dev.gatehouse.mesh.manager;

import dev.gatehouse.mesh.validation.ValidationException;

/** A validation failure found at a step whose Kuma error title differs from "Could not process a resource". */
public final class TitledValidationException extends RuntimeException {
    private final String title;
    private final transient ValidationException cause;

    public TitledValidationException(String title, ValidationException cause) {
        super(title + ": " + cause.getMessage(), cause);
        this.title = title;
        this.cause = cause;
    }

    public String title() {
        return title;
    }

    public ValidationException validation() {
        return cause;
    }
}
