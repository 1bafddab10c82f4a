package dev.gatehouse.app.pages.export;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;

/** A line of the page that shows a sentence while there is one and takes no room otherwise (an error, a status). */
final class Notice {

    private Notice() {}

    static Label of(String id, String style, ObservableStringValue text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.textProperty().bind(text);
        var shown = javafx.beans.binding.Bindings.isNotEmpty(text);
        label.managedProperty().bind(shown);
        label.visibleProperty().bind(shown);
        return label;
    }
}
