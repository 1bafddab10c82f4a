package dev.gatehouse.app.kubernetes.mesh;

import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.repository.mesh.MeshException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The API server's refusals as the repository's {@link MeshException}s, each one sentence naming what was done to
 * which object: not found, changed by someone else (409), forbidden by RBAC (403), rejected by validation or by
 * Kuma's admission webhook (with the Status causes as field errors). A call that got no answer stays a connection
 * problem.
 */
final class KubernetesFailures {

    private KubernetesFailures() {}

    /** What a call did, for the sentence: the verb RBAC names, the resource ("meshes.kuma.io") and the object. */
    record Call(String verb, String resource, String namespace, String object) {

        String where() {
            return namespace.isEmpty() ? "" : " in namespace " + namespace;
        }

        String what() {
            return object.isEmpty() ? resource : resource + " " + object;
        }
    }

    /** The failure of {@code call} as the repository reports it; other failures pass unchanged. */
    static Throwable translate(Throwable failure, Call call, URI server) {
        Throwable e = unwrap(failure);
        if (!(e instanceof KubernetesClientException k)) {
            return e;
        }
        if (k.getCode() <= 0) {
            // No HTTP answer: refused, timed out, TLS; say so as the other connections do.
            return ApiTransport.unreachable(k.getCause() != null ? k.getCause() : k, server);
        }
        Status status = k.getStatus();
        String message = status != null && status.getMessage() != null ? status.getMessage() : k.getMessage();
        Map<String, String> fields = fieldErrors(status);
        String reason = status == null || status.getReason() == null ? "" : status.getReason();
        int code = k.getCode();
        if (message != null && message.contains("admission webhook")) {
            // Kuma's webhook answers 422 with its violations as causes
            // (pkg/plugins/runtime/k8s/webhooks/validation.go).
            return new MeshException(
                    code, "Kuma's admission webhook rejected " + call.what() + ": " + webhookMessage(message), fields);
        }
        return switch (code) {
            case 404 ->
                new MeshException(
                        404,
                        call.object().isEmpty()
                                ? "The cluster serves no " + call.resource() + ": its custom resource definition is"
                                        + " not installed (is Kuma installed, and this version of it?)."
                                : call.what() + " was not found" + call.where() + ".",
                        fields);
            case 409 ->
                new MeshException(
                        409,
                        "AlreadyExists".equals(reason)
                                ? call.what() + " was created by someone else meanwhile: reload and try again."
                                : call.what() + " was changed by someone else since it was read: reload and try"
                                        + " again.",
                        fields);
            case 401 ->
                new MeshException(
                        401, "The cluster did not accept the connection's credentials: log in again.", fields);
            case 403 ->
                new MeshException(
                        403,
                        "Kubernetes forbids this account to " + call.verb() + " " + call.resource() + call.where()
                                + " (RBAC): ask a cluster administrator for a Role that allows it.",
                        fields);
            case 400, 422 -> new MeshException(code, "Kubernetes rejected " + call.what() + ": " + message, fields);
            default ->
                new MeshException(
                        code, "Kubernetes answered HTTP " + code + " to " + call.what() + ": " + message, fields);
        };
    }

    /** The field errors of a Status, by field path; several reasons for one field are joined. */
    static Map<String, String> fieldErrors(Status status) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (status != null && status.getDetails() != null && status.getDetails().getCauses() != null) {
            for (StatusCause cause : status.getDetails().getCauses()) {
                if (cause.getField() != null && !cause.getField().isEmpty()) {
                    fields.merge(cause.getField(), String.valueOf(cause.getMessage()), (a, b) -> a + "; " + b);
                }
            }
        }
        return fields;
    }

    /** The webhook's own words, without the API server's prefix {@code admission webhook "..." denied the request:}. */
    private static String webhookMessage(String message) {
        String marker = "denied the request:";
        int at = message.indexOf(marker);
        return at < 0 ? message : message.substring(at + marker.length()).strip();
    }

    static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
