package dev.gatehouse.app.declarative.plan;

import java.util.List;

/**
 * Apply stopped: the file was invalid (nothing changed), or the gateway refused a step; {@code applied} lists the
 * changes made before it, so the message can say exactly where the gateway now stands.
 */
public final class ApplyException extends RuntimeException {

    private final List<Change> applied;

    public ApplyException(String message, List<Change> applied) {
        super(message);
        this.applied = List.copyOf(applied);
    }

    public List<Change> applied() {
        return applied;
    }

    /** The sentence that says what a stopped apply had already changed. */
    public static String appliedBefore(List<Change> applied) {
        if (applied.isEmpty()) {
            return "Nothing had been applied before it.";
        }
        List<String> lines = applied.stream().map(Change::line).toList();
        return "Applied before it (" + applied.size() + "): " + String.join(", ", lines) + ".";
    }
}
