package dev.gatehouse.app.kuma;

import java.util.List;

/**
 * An error answer from a Kuma control plane, in Kuma's error shape (pkg/core/rest/errors/types/error.go):
 * status, title, detail and the {@code invalid_parameters} naming each bad field.
 */
public final class KumaApiException extends RuntimeException {

    /** One entry of {@code invalid_parameters}. */
    public record InvalidParameter(String field, String reason) {}

    private final int status;
    private final String title;
    private final List<InvalidParameter> invalidParameters;

    public KumaApiException(int status, String title, String detail, List<InvalidParameter> invalidParameters) {
        super(detail == null || detail.isBlank() ? title : detail);
        this.status = status;
        this.title = title;
        this.invalidParameters = List.copyOf(invalidParameters);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<InvalidParameter> invalidParameters() {
        return invalidParameters;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
