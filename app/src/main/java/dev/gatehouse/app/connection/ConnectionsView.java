package dev.gatehouse.app.connection;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.EmptyStateView;
import dev.gatehouse.app.page.PageView;
import dev.gatehouse.app.shell.HealthBadge;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Connections page: a card for the active connection above the list of saved ones. */
public final class ConnectionsView extends PageView {

    public ConnectionsView(ConnectionsViewModel model, Messages messages) {
        super(model, content(model, messages));
    }

    private static VBox content(ConnectionsViewModel model, Messages messages) {
        Label name = new Label();
        name.setId("connection-name");
        name.getStyleClass().add(Styles.TITLE_4);
        name.textProperty().bind(model.profileNameBinding());
        Label kind = new Label();
        kind.getStyleClass().add(Styles.TEXT_MUTED);
        kind.textProperty().bind(model.profileKindBinding());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button check = new Button(messages.get("action.check.again"), AppIcon.REFRESH.node());
        check.setId("connection-check");
        check.setOnAction(e -> model.checkAgain());
        HBox header = new HBox(12, AppIcon.CONNECTION.node(), name, kind, spacer, check);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        GridPane endpoints = new GridPane();
        endpoints.setHgap(16);
        endpoints.setVgap(8);
        row(endpoints, 0, messages.get("connection.endpoint.gateway"), model.gatewayEndpointBinding(),
                model.gatewayHealthProperty(), model.gatewayHealthBinding(), "connection-gateway-health");
        row(endpoints, 1, messages.get("connection.endpoint.mesh"), model.meshEndpointBinding(),
                model.meshHealthProperty(), model.meshHealthBinding(), "connection-mesh-health");

        VBox card = new VBox(12, header, endpoints);
        card.getStyleClass().add("connection-card");
        card.setPadding(new Insets(16));

        EmptyStateView empty = new EmptyStateView(model, messages);
        VBox.setVgrow(empty, Priority.ALWAYS);
        VBox content = new VBox(16, card, empty);
        content.getStyleClass().add("page-content");
        return content;
    }

    private static void row(GridPane grid, int row, String label, StringBinding endpoint,
                            ReadOnlyObjectProperty<EndpointHealth> health, StringBinding healthText, String id) {
        Label what = new Label(label);
        what.getStyleClass().add(Styles.TEXT_BOLD);
        Label where = new Label();
        where.textProperty().bind(endpoint);
        where.getStyleClass().add("monospace");
        HealthBadge badge = new HealthBadge(health, healthText);
        badge.setId(id);
        grid.addRow(row, what, where, badge);
    }
}
