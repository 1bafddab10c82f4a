package dev.gatehouse.app.page;

import dev.gatehouse.app.connection.HealthChecker;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.mesh.MeshException;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** Turns a failed repository call into what the page shows: a gateway error to place in a form, or a sentence. */
public final class Failures {

    private Failures() {}

    /** The gateway's refusal inside {@code failure}, when the gateway answered with one. */
    public static Optional<GatewayException> gatewayError(Throwable failure) {
        Throwable e = unwrap(failure);
        return e instanceof GatewayException refusal ? Optional.of(refusal) : Optional.empty();
    }

    /** One sentence for any failure: the gateway's or control plane's own message, or why it could not be reached. */
    public static String sentence(Messages messages, Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof GatewayException || e instanceof MeshException) {
            return e.getMessage();
        }
        return HealthText.of(messages, HealthChecker.health(e));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
