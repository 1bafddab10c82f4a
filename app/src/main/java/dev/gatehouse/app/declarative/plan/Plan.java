package dev.gatehouse.app.declarative.plan;

import java.util.List;

/**
 * What applying a file would change, in the order apply does it (creates and updates parents first, then deletes
 * children first), and every entity of the file for validation.
 */
public record Plan(List<Change> changes, List<ValidationTarget> entities) {

    public Plan {
        changes = List.copyOf(changes);
        entities = List.copyOf(entities);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public long count(Op op) {
        return changes.stream().filter(c -> c.op() == op).count();
    }

    /**
     * The plan as decK prints it: a line per change (updates followed by their field diff), then the summary
     * (go-database-reconciler pkg/diff/diff.go createPrintln/updatePrintln/deletePrintln; Kong/deck's Summary).
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (Change change : changes) {
            out.append(change.line());
            if (change.op() == Op.UPDATE) {
                out.append("  ").append(FieldDiff.render(change.kind(), change.before(), change.after()));
            }
            out.append('\n');
        }
        out.append("Summary:\n")
                .append("  Created: ")
                .append(count(Op.CREATE))
                .append('\n')
                .append("  Updated: ")
                .append(count(Op.UPDATE))
                .append('\n')
                .append("  Deleted: ")
                .append(count(Op.DELETE))
                .append('\n');
        return out.toString();
    }
}
