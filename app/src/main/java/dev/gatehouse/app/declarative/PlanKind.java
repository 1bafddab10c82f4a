package dev.gatehouse.app.declarative;

/**
 * A kind of entity a plan changes: a gateway entity of a decK file, or a mesh resource type of Kuma YAML. Its word is
 * the one plan lines use ({@code creating <word> <name>}).
 */
public interface PlanKind {

    String word();

    /** Fields never printed in a field diff (secrets); the planner compares them, the diff shows a placeholder. */
    default java.util.Set<String> secretFields() {
        return java.util.Set.of();
    }
}
