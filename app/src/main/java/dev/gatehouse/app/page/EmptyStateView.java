package dev.gatehouse.app.page;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** What a page shows while it has nothing to list: what will appear, what it needs, and the way to get it. */
public final class EmptyStateView extends VBox {

    public EmptyStateView(PageViewModel model, Messages messages) {
        getStyleClass().add("empty-state");
        setId("empty-state");
        setAlignment(Pos.CENTER);
        setFillWidth(false);

        FontIcon icon = model.page().icon().node();
        icon.getStyleClass().add("empty-state-icon");

        Label heading = new Label(model.emptyHeading());
        heading.setId("empty-state-heading");
        heading.getStyleClass().addAll(Styles.TITLE_3, "empty-state-heading");
        heading.setWrapText(true);

        Label body = new Label(model.emptyBody());
        body.setId("empty-state-body");
        body.getStyleClass().add("empty-state-body");
        body.setWrapText(true);

        getChildren().addAll(icon, heading, body);
        if (!model.page().needs().isEmpty()) {
            getChildren().add(requirementBox(model));
        }
        if (model.offersConnections()) {
            Button open = new Button(messages.get("action.open.connections"), AppIcon.ARROW_RIGHT.node());
            open.setId("empty-state-action");
            open.getStyleClass().add(Styles.ACCENT);
            open.setOnAction(e -> model.openConnections());
            HBox actions = new HBox(open);
            actions.setAlignment(Pos.CENTER);
            getChildren().add(actions);
        }
    }

    private static VBox requirementBox(PageViewModel model) {
        Label need = new Label(model.requirementText());
        need.setId("empty-state-requirement");
        need.setWrapText(true);
        VBox box = new VBox(6, need);
        box.getStyleClass().add("empty-state-requirement");
        for (PageViewModel.EndpointStatus status : model.neededEndpoints()) {
            HealthBadge badge = new HealthBadge(status.health(), status.text());
            badge.setWrapText(true);
            box.getChildren().add(badge);
        }
        return box;
    }
}
