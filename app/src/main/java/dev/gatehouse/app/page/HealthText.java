package dev.gatehouse.app.page;

import dev.gatehouse.app.connection.EndpointHealth;
import dev.gatehouse.app.http.ConnectionProblem;
import dev.gatehouse.app.i18n.Messages;
import java.util.Locale;

/** Human sentences for endpoint health, shared by the top bar and the pages. */
public final class HealthText {

    private HealthText() {}

    /** For example "Kong 3.9.1, 4 ms" or "connection refused: nothing listens at 127.0.0.1:8001". */
    public static String of(Messages messages, EndpointHealth health) {
        return switch (health.status()) {
            case UNKNOWN -> messages.get("health.unknown");
            case CHECKING -> messages.get("health.checking");
            case UP -> messages.get("health.up", health.product(), health.version(), health.latencyMillis());
            case DOWN -> messages.get(problemKey(health.problem()), health.detail());
            case ABSENT -> messages.get("health.absent");
        };
    }

    /** A few words for tight places such as the top bar: "3.9.1", "down", "checking…" (the product is in {@link #of}). */
    public static String brief(Messages messages, EndpointHealth health) {
        return switch (health.status()) {
            case UNKNOWN -> messages.get("health.unknown");
            case CHECKING -> messages.get("health.checking");
            case UP -> messages.get("health.brief.up", health.product(), health.version());
            case DOWN -> messages.get("health.brief.down");
            case ABSENT -> messages.get("health.absent");
        };
    }

    /** What "Test connection" says: "Kong 3.9.1 answered in 4 ms", or the failure in a sentence of its own. */
    public static String testResult(Messages messages, EndpointHealth health) {
        return switch (health.status()) {
            case UP -> messages.get("connection.test.ok", health.product(), health.version(), health.latencyMillis());
            case DOWN -> messages.get(testFailureKey(health.problem()), health.detail());
            case UNKNOWN, CHECKING, ABSENT -> of(messages, health);
        };
    }

    /** Bundle key of the sentence for one problem. */
    public static String problemKey(ConnectionProblem problem) {
        return "health.problem." + problem.name().toLowerCase(Locale.ROOT);
    }

    /** Bundle key of the connection test's sentence for one problem. */
    public static String testFailureKey(ConnectionProblem problem) {
        return "connection.test.failed." + problem.name().toLowerCase(Locale.ROOT);
    }
}
