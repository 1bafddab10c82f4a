package dev.gatehouse.app.pages.export;

import dev.gatehouse.app.declarative.plan.Change;
import dev.gatehouse.app.declarative.plan.FieldChange;
import dev.gatehouse.app.declarative.plan.Op;
import dev.gatehouse.app.declarative.plan.Plan;
import dev.gatehouse.app.i18n.Messages;
import java.util.List;
import javafx.beans.value.ObservableIntegerValue;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * A plan as a tree: a row per change in apply order, marked by what it does (create, update, delete) and, while and
 * after applying, whether it was applied or refused; under it the fields it sets, changes or removes. Updates open
 * with their field diff showing; creates and deletes stay closed, since every field of theirs is new or gone.
 */
final class PlanTree extends TreeView<PlanTree.Row> {

    /** A row of the tree: a change (with its index in the plan) or one of its fields. */
    sealed interface Row {
        record ChangeRow(int index, Change change) implements Row {}

        record FieldRow(Op op, FieldChange field) implements Row {}
    }

    static final String CREATE = "plan-create";
    static final String UPDATE = "plan-update";
    static final String DELETE = "plan-delete";
    static final String APPLIED = "plan-applied";
    static final String REFUSED = "plan-refused";
    private static final List<String> STATES = List.of(CREATE, UPDATE, DELETE, APPLIED, REFUSED, "plan-field");

    private final Messages messages;
    private final ObservableIntegerValue applied;
    private final ObservableIntegerValue failedAt;

    PlanTree(Messages messages, ObservableIntegerValue applied, ObservableIntegerValue failedAt) {
        this.messages = messages;
        this.applied = applied;
        this.failedAt = failedAt;
        setShowRoot(false);
        getStyleClass().add("plan-tree");
        setCellFactory(tree -> new RowCell());
        // Marks follow the apply's progress; the cells read both counts when they are drawn again.
        applied.addListener((obs, old, now) -> refresh());
        failedAt.addListener((obs, old, now) -> refresh());
    }

    /** Shows {@code plan}, or nothing. */
    void show(Plan plan) {
        TreeItem<Row> root = new TreeItem<>();
        if (plan != null) {
            List<Change> changes = plan.changes();
            for (int i = 0; i < changes.size(); i++) {
                Change change = changes.get(i);
                TreeItem<Row> item = new TreeItem<>(new Row.ChangeRow(i, change));
                for (FieldChange field : FieldChange.of(change)) {
                    item.getChildren().add(new TreeItem<>(new Row.FieldRow(change.op(), field)));
                }
                item.setExpanded(change.op() == Op.UPDATE);
                root.getChildren().add(item);
            }
        }
        setRoot(root);
    }

    private final class RowCell extends TreeCell<Row> {

        private final Label mark = new Label();

        RowCell() {
            mark.getStyleClass().add("plan-mark");
        }

        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll(STATES);
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            switch (row) {
                case Row.ChangeRow c -> {
                    setText(c.change().line() + state(c.index()));
                    mark.setText(
                            switch (c.change().op()) {
                                case CREATE -> "+";
                                case UPDATE -> "~";
                                case DELETE -> "\u2212";
                            });
                    getStyleClass().add(styleOf(c.change().op()));
                    if (c.index() == failedAt.get()) {
                        getStyleClass().add(REFUSED);
                    } else if (c.index() < applied.get()) {
                        getStyleClass().add(APPLIED);
                    }
                    setGraphic(mark);
                }
                case Row.FieldRow f -> {
                    setText(fieldText(f));
                    getStyleClass().addAll("plan-field", styleOf(f.op()));
                    setGraphic(null);
                }
            }
        }

        private String state(int index) {
            if (index == failedAt.get()) {
                return "  \u2014 " + messages.get("import.row.refused");
            }
            return index < applied.get() ? "  \u2014 " + messages.get("import.row.applied") : "";
        }

        private String fieldText(Row.FieldRow f) {
            FieldChange field = f.field();
            if (field.before().isPresent() && field.after().isPresent()) {
                return messages.get(
                        "import.field.changed",
                        field.path(),
                        field.before().get().toString(),
                        field.after().get().toString());
            }
            String value = field.after().or(field::before).map(Object::toString).orElse("");
            String sign = field.after().isPresent() ? "+ " : "\u2212 ";
            return sign + messages.get("import.field.set", field.path(), value);
        }
    }

    private static String styleOf(Op op) {
        return switch (op) {
            case CREATE -> CREATE;
            case UPDATE -> UPDATE;
            case DELETE -> DELETE;
        };
    }
}
