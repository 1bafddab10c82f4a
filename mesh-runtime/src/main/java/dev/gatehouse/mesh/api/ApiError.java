package dev.gatehouse.mesh.api;

import dev.gatehouse.mesh.validation.Violation;
import java.util.List;

/** An error answered in Kuma's AIP-193 shape (pkg/core/rest/errors/error_handler.go @v2.14.3). */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String title;
    private final String detail;
    private final transient List<Violation> invalidParameters;

    public ApiError(int status, String title, String detail, List<Violation> invalidParameters) {
        super(title + ": " + detail);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.invalidParameters = List.copyOf(invalidParameters);
    }

    public ApiError(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<Violation> invalidParameters() {
        return invalidParameters;
    }
}
