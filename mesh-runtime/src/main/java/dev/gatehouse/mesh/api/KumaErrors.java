package dev.gatehouse.mesh.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.manager.NotFoundException;
import dev.gatehouse.mesh.manager.TitledValidationException;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.validation.InvalidResourceException;
import dev.gatehouse.mesh.validation.ValidationException;
import dev.gatehouse.mesh.validation.Violation;
import java.util.List;

/**
 * Maps failures to Kuma's error body: {@code type "/std-errors"}, {@code status}, {@code title}, {@code detail},
 * {@code invalid_parameters[{field, reason}]}, plus the deprecated {@code details} and {@code causes[{field,
 * message}]} (HandleError in pkg/core/rest/errors/error_handler.go @v2.14.3).
 */
public final class KumaErrors {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KumaErrors.class);

    private KumaErrors() {}

    /** Converts an exception thrown while serving; {@code title} is the step's title in Kuma's handler. */
    public static ApiError toError(RuntimeException e, String title) {
        return switch (e) {
            case ApiError a -> a;
            case NotFoundException n -> new ApiError(404, n.title(), "Not found");
            case TitledValidationException t ->
                new ApiError(
                        400, t.title(), "Resource is not valid", t.validation().violations());
            case ValidationException v -> new ApiError(400, title, "Resource is not valid", v.violations());
            case InvalidResourceException i -> new ApiError(400, "Bad Request", i.getMessage());
            default -> {
                // Kuma's HandleError logs what it answers with 500; request bodies are never logged.
                LOG.error("{}: unexpected failure", title, e);
                yield new ApiError(500, title, "Internal Server Error");
            }
        };
    }

    public static ApiResponse response(ApiError e) {
        ObjectNode body = ResourceCodec.JSON.createObjectNode();
        body.put("type", "/std-errors");
        body.put("status", e.status());
        body.put("title", e.title());
        body.put("detail", e.detail());
        List<Violation> params = e.invalidParameters();
        if (!params.isEmpty()) {
            ArrayNode ip = body.putArray("invalid_parameters");
            params.forEach(v -> ip.addObject().put("field", v.field()).put("reason", v.message()));
        }
        body.put("details", e.detail());
        if (!params.isEmpty()) {
            ArrayNode causes = body.putArray("causes");
            params.forEach(v -> causes.addObject().put("field", v.field()).put("message", v.message()));
        }
        return ApiResponse.json(e.status(), body);
    }
}
