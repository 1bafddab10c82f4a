package dev.gatehouse.app.form;

import dev.gatehouse.app.icon.AppIcon;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;

/**
 * A list of strings as removable chips plus a text field: Enter or comma adds what was typed, Backspace in an
 * empty field removes the last chip. Used for paths, hosts, methods, tags and key names.
 */
public final class ChipsInput extends FlowPane {

    private final TextField editor = new TextField();
    private final ObservableList<String> items;
    private final java.util.function.Consumer<String> adder;
    private boolean readOnly;

    public ChipsInput(ObservableList<String> items, java.util.function.Consumer<String> adder, String prompt) {
        super(6, 6);
        this.items = items;
        this.adder = adder;
        getStyleClass().add("chips-input");
        editor.getStyleClass().add("chips-editor");
        editor.setPromptText(prompt);
        editor.setPrefColumnCount(10);
        // A narrow form wraps the chips instead of widening the form past its panel.
        setMinWidth(120);
        editor.setOnAction(e -> commit());
        editor.textProperty().addListener((obs, old, now) -> {
            if (now.endsWith(",")) {
                editor.setText(now.substring(0, now.length() - 1));
                commit();
            }
        });
        editor.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.BACK_SPACE && editor.getText().isEmpty() && !items.isEmpty()) {
                items.remove(items.size() - 1);
            }
        });
        // Whatever is left in the field when focus moves on is kept, so nothing typed is silently lost.
        editor.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                commit();
            }
        });
        items.addListener((ListChangeListener<String>) c -> render());
        render();
    }

    /** Shows the chips only: no field to type in, no remove buttons (a plugin's configuration as stored). */
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("readonly"), readOnly);
        render();
    }

    /** The text field, for ids, focus and tests. */
    public TextField editor() {
        return editor;
    }

    private void commit() {
        String text = editor.getText();
        if (text != null && !text.isBlank()) {
            adder.accept(text);
            editor.clear();
        }
    }

    private void render() {
        getChildren().clear();
        for (String item : items) {
            Label text = new Label(item);
            if (readOnly) {
                text.getStyleClass().add("chip-static");
                getChildren().add(text);
                continue;
            }
            Button remove = new Button(null, AppIcon.CLOSE.node());
            remove.getStyleClass().addAll("chip-remove", "flat", "button-icon");
            remove.setAccessibleText("Remove " + item);
            remove.setFocusTraversable(false);
            remove.setOnAction(e -> items.remove(item));
            HBox chip = new HBox(2, text, remove);
            chip.getStyleClass().add("chip");
            chip.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            getChildren().add(chip);
        }
        if (readOnly && items.isEmpty()) {
            getChildren().add(new Label("\u2014"));
        } else if (!readOnly) {
            getChildren().add(editor);
        }
    }
}
