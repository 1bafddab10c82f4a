package dev.gatehouse.app.page;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** A page not built yet: the page's frame, then the plain statement, the command to use today, and a way on. */
public final class PlannedPageView extends PageView {

    public PlannedPageView(PlannedPageViewModel model, Messages messages) {
        super(model, content(model, messages));
    }

    private static VBox content(PlannedPageViewModel model, Messages messages) {
        VBox box = new VBox();
        box.getStyleClass().add("empty-state");
        box.setId("empty-state");
        box.setAlignment(Pos.CENTER);
        box.setFillWidth(false);

        FontIcon icon = model.page().icon().node();
        icon.getStyleClass().add("empty-state-icon");

        Label heading = new Label(model.heading());
        heading.setId("empty-state-heading");
        heading.getStyleClass().addAll(Styles.TITLE_3, "empty-state-heading");
        heading.setWrapText(true);

        Label body = new Label(model.body());
        body.setId("empty-state-body");
        body.getStyleClass().add("empty-state-body");
        body.setWrapText(true);

        // Wrapped rather than scrolled, so the whole command stays in view; the button beside it copies it.
        Label command = new Label();
        command.setId("planned-command");
        command.setWrapText(true);
        command.getStyleClass().addAll("monospace", "empty-state-requirement");
        command.textProperty().bind(model.commandBinding());
        HBox.setHgrow(command, Priority.ALWAYS);
        Button copy = new Button(null, AppIcon.COPY.node());
        copy.setId("planned-command-copy");
        copy.getStyleClass().add(Styles.BUTTON_ICON);
        copy.setAccessibleText(messages.get("action.copy"));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(command.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox commandRow = new HBox(6, command, copy);
        commandRow.setAlignment(Pos.CENTER);

        Button instead = new Button(model.insteadLabel(), AppIcon.ARROW_RIGHT.node());
        instead.setId("planned-instead");
        instead.getStyleClass().add(Styles.ACCENT);
        instead.setOnAction(e -> model.openInstead());
        HBox actions = new HBox(instead);
        actions.setAlignment(Pos.CENTER);

        box.getChildren().addAll(icon, heading, body, commandRow, actions);
        return box;
    }
}
