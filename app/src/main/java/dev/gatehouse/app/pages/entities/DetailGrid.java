package dev.gatehouse.app.pages.entities;

import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** Name/value rows for an entity's details; empty values show as a dash. */
public final class DetailGrid extends GridPane {

    private int row;

    public DetailGrid() {
        getStyleClass().add("detail-grid");
        setHgap(12);
        setVgap(6);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(120);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        getColumnConstraints().addAll(names, values);
    }

    public DetailGrid add(String name, String value) {
        Label v = new Label(value == null || value.isEmpty() ? "\u2014" : value);
        v.setWrapText(true);
        return add(name, v);
    }

    /** A row only when there is a value: for fields most entities leave unset. */
    public DetailGrid addIf(String name, String value) {
        return value == null || value.isEmpty() ? this : add(name, value);
    }

    public DetailGrid add(String name, Node value) {
        Label n = new Label(name);
        n.getStyleClass().addAll(Styles.TEXT_MUTED);
        addRow(row++, n, value);
        return this;
    }
}
