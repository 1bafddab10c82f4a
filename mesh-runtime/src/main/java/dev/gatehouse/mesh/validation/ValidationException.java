package dev.gatehouse.mesh.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A resource is not valid; rendered as 400 "Resource is not valid" with {@code invalid_parameters}. */
public final class ValidationException extends RuntimeException {
    private final transient List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
