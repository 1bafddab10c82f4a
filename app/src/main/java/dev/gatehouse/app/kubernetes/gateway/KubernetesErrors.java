package dev.gatehouse.app.kubernetes.gateway;

import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.repository.gateway.GatewayException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's refusals as the gateway repository's {@link GatewayException}, each with one sentence saying
 * what was refused and what to do; a call that got no answer becomes the connection problem the health checks
 * already name.
 */
final class KubernetesErrors {

    /** Kong's unique violation code (kong/db/errors.lua), which forms and the planner recognise. */
    static final int UNIQUE_VIOLATION = 5;

    /** What an admission webhook's denial looks like in the API server's message (apiserver's webhook errors). */
    private static final Pattern DENIED =
            Pattern.compile("admission webhook \"([^\"]+)\" denied the request:?\\s*(.*)", Pattern.DOTALL);

    private KubernetesErrors() {}

    /**
     * {@code e}, raised while {@code verb}-ing {@code type} {@code name} (null for a list), as the exception the
     * repository's callers see.
     */
    static RuntimeException translate(
            KubernetesClientException e, String verb, KubeType type, String name, String namespace, URI server) {
        int code = e.getCode();
        if (code <= 0) {
            return ApiTransport.unreachable(e.getCause() != null ? e.getCause() : e, server);
        }
        Status status = e.getStatus();
        String said = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
        String reason = status != null && status.getReason() != null ? status.getReason() : "";
        String what = name == null ? type.kind() + "s" : type.kind() + " " + name;
        String where = type.namespaced() ? " in namespace " + namespace : "";
        Matcher denied = DENIED.matcher(said == null ? "" : said);
        if (denied.find()) {
            // KIC's validating webhook checks KongPlugins, KongConsumers and credential Secrets against its Kong.
            return new GatewayException(
                    code >= 400 && code < 500 ? code : 400,
                    2,
                    "The admission webhook " + denied.group(1) + " refused the " + what + ": "
                            + denied.group(2).trim(),
                    Map.of(GatewayException.ENTITY_FIELD, denied.group(2).trim()));
        }
        return switch (code) {
            case 401 ->
                new GatewayException(
                        401,
                        null,
                        "The Kubernetes API server did not accept the connection's credentials: " + said,
                        Map.of());
            case 403 ->
                new GatewayException(
                        403,
                        null,
                        "Kubernetes does not allow this connection's account to " + verb + " " + type.resource() + where
                                + " (RBAC); grant it that verb on that resource. The API server said: " + said,
                        Map.of());
            case 404 -> new GatewayException(404, null, what + " was not found" + where + ".", Map.of());
            case 409 ->
                // A create conflicts only by name; the reason says so on a real API server, not on every mock.
                "AlreadyExists".equals(reason) || "create".equals(verb)
                        ? new GatewayException(
                                409,
                                UNIQUE_VIOLATION,
                                article(type.kind()) + " " + type.kind() + " named " + name + " already exists" + where
                                        + ".",
                                Map.of("name", "already exists"))
                        : new GatewayException(
                                409,
                                null,
                                "The " + what + " was changed by someone else since it was read; reload and try again.",
                                Map.of());
            case 422 ->
                new GatewayException(
                        422,
                        2,
                        "Kubernetes found the " + what + " invalid: " + causes(status, said),
                        Map.of(GatewayException.ENTITY_FIELD, causes(status, said)));
            default ->
                new GatewayException(
                        code,
                        null,
                        "Kubernetes refused to " + verb + " the " + what + where + " (" + code + "): " + said,
                        Map.of());
        };
    }

    /** A failed read of the API server's {@code /version}. */
    static RuntimeException version(KubernetesClientException e, URI server) {
        if (e.getCode() <= 0) {
            return ApiTransport.unreachable(e.getCause() != null ? e.getCause() : e, server);
        }
        return new GatewayException(
                e.getCode(),
                null,
                "The Kubernetes API server at " + server + " did not give its version (" + e.getCode() + "): "
                        + e.getMessage(),
                Map.of());
    }

    private static String article(String kind) {
        return "AEIOU".indexOf(kind.charAt(0)) >= 0 ? "An" : "A";
    }

    /** The causes the API server listed ({@code spec.rules[0].host: Invalid value ...}), else its message. */
    private static String causes(Status status, String fallback) {
        List<StatusCause> causes = status == null || status.getDetails() == null
                ? List.of()
                : status.getDetails().getCauses();
        if (causes == null || causes.isEmpty()) {
            return fallback;
        }
        return String.join(
                "; ",
                causes.stream()
                        .map(c -> (c.getField() == null ? "" : c.getField() + ": ") + c.getMessage())
                        .toList());
    }
}
