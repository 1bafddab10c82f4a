package dev.gatehouse.app.kubernetes.cluster;

import java.util.Optional;

/**
 * What probing one context found: whether the API server answered, its Kubernetes version and who the user is, or
 * the exact reason it failed, as the sentence the wizard shows.
 */
public record ContextStatus(
        String context,
        String server,
        Outcome outcome,
        String sentence,
        Optional<String> version,
        Optional<String> user) {

    /** How a probe ended. */
    public enum Outcome {
        REACHABLE,
        UNREACHABLE,
        CERTIFICATE,
        UNAUTHORIZED,
        TOKEN_EXPIRED,
        EXEC_NOT_FOUND,
        EXEC_FAILED,
        FORBIDDEN,
        INVALID,
        FAILED
    }

    public boolean works() {
        return outcome == Outcome.REACHABLE;
    }

    static ContextStatus failed(String context, String server, Outcome outcome, String sentence) {
        return new ContextStatus(context, server, outcome, sentence, Optional.empty(), Optional.empty());
    }
}
