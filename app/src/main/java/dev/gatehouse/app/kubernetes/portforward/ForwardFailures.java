package dev.gatehouse.app.kubernetes.portforward;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;

/** Turns what Fabric8 records on a port-forward (or while opening one) into the sentence a page shows. */
final class ForwardFailures {

    /** Fabric8's prefix for a message on the kubelet's error channel (PortForwarderWebsocketListener). */
    private static final String REMOTE = "Received an error from the remote socket";

    private ForwardFailures() {}

    static String sentence(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WebSocketHandshakeException handshake) {
            int code = handshake.getResponse().code();
            return "the API server refused the port-forward (" + code + ")"
                    + switch (code) {
                        case 401 -> ": the credentials were not accepted";
                        case 403 -> ": the user may not create pods/portforward here";
                        case 404 -> ": the pod is gone";
                        default -> "";
                    };
        }
        if (cause instanceof KubernetesClientException k) {
            String message = String.valueOf(k.getMessage());
            if (message.startsWith(REMOTE)) {
                // The kubelet's own words, e.g. "error forwarding port 8444 to pod …: connection refused".
                return "the pod answered: " + message.substring(REMOTE.length()).strip();
            }
            return k.getCode() > 0 ? "the API server answered " + k.getCode() + ": " + message : message;
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof IllegalStateException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        // Fabric8 reports a refused upgrade as a KubernetesClientException caused by the handshake failure.
        if (cause instanceof KubernetesClientException && cause.getCause() instanceof WebSocketHandshakeException h) {
            return h;
        }
        return cause;
    }
}
