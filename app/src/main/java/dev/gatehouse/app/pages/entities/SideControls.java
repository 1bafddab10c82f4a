package dev.gatehouse.app.pages.entities;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.icon.AppIcon;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** Small controls the side panels of entity pages share: row icon buttons and inline error lines. */
public final class SideControls {

    private SideControls() {}

    /** A flat icon button whose tooltip and accessible text say what it does. */
    public static Button iconButton(AppIcon icon, String text) {
        Button button = new Button(null, icon.node());
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(text));
        button.setAccessibleText(text);
        return button;
    }

    /** A red line showing {@code text}, taking no room while it is empty. */
    public static Label errorLabel(String id, StringProperty text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.visibleProperty().bind(text.isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }
}
