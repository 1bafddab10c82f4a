package dev.gatehouse.app.shell;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom line: what just happened, keyboard hints, version. */
public final class StatusBar extends HBox {

    public StatusBar(ShellViewModel model, Messages messages, String version) {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(16);

        Label status = new Label();
        status.setId("status-text");
        status.textProperty().bind(model.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label hints = new Label(messages.get("status.hints"));
        hints.getStyleClass().add(Styles.TEXT_MUTED);
        Label versionLabel = new Label(messages.get("status.version", version));
        versionLabel.getStyleClass().add(Styles.TEXT_MUTED);
        getChildren().addAll(status, spacer, hints, versionLabel);
    }
}
