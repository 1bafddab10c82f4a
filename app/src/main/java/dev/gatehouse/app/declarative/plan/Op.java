package dev.gatehouse.app.declarative.plan;

/** What a step of a plan does, with decK's verb for it (go-database-reconciler pkg/diff/diff.go). */
public enum Op {
    CREATE("creating"),
    UPDATE("updating"),
    DELETE("deleting");

    private final String verb;

    Op(String verb) {
        this.verb = verb;
    }

    public String verb() {
        return verb;
    }
}
