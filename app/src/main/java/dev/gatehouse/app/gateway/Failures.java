package dev.gatehouse.app.gateway;

import dev.gatehouse.app.connection.HealthChecker;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kong.KongApiException;
import dev.gatehouse.app.page.HealthText;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** Turns a failed Admin API call into what the page shows: a Kong error to place in a form, or a sentence. */
public final class Failures {

    private Failures() {
    }

    /** The Kong error inside {@code failure}, when the gateway answered with one. */
    public static Optional<KongApiException> kongError(Throwable failure) {
        Throwable e = unwrap(failure);
        return e instanceof KongApiException kong ? Optional.of(kong) : Optional.empty();
    }

    /** One sentence for any failure: Kong's own message, or why the gateway could not be reached. */
    public static String sentence(Messages messages, Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof KongApiException kong) {
            return kong.getMessage();
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
