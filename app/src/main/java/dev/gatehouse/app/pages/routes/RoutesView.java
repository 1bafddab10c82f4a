package dev.gatehouse.app.pages.routes;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.NodeListeners;
import dev.gatehouse.app.pages.entities.DetailGrid;
import dev.gatehouse.app.pages.entities.EntityPageView;
import dev.gatehouse.app.pages.entities.Rows;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Routes page, with key-auth coverage per route, a ready curl line and the request tester. */
public final class RoutesView extends EntityPageView {

    public RoutesView(RoutesViewModel model, Messages messages) {
        super(
                model,
                messages,
                List.of(
                        new Column(messages.get("column.name"), 280, r -> Rows.text(r, "name")),
                        new Column(messages.get("column.service"), 240, model::serviceName),
                        new Column(messages.get("column.paths"), 320, r -> Rows.joined(r, "paths")),
                        new Column(messages.get("column.hosts"), 280, r -> Rows.joined(r, "hosts")),
                        new Column(messages.get("column.methods"), 200, r -> Rows.joined(r, "methods")),
                        new Column(
                                messages.get("column.keyauth"),
                                160,
                                model::keyAuthWord,
                                r -> keyAuthBadge(model.coverageProperty().get().isProtected(r), messages)),
                        new Column(TAGS, 0, r -> "")),
                row -> details(model, messages, row),
                unprotectedChip(model, messages));
        // Coverage and service names arrive after the routes.
        refreshWhen(model.coverageProperty(), model.servicesProperty());
    }

    /** The filter chip that keeps only the routes nothing protects. */
    private static Node unprotectedChip(RoutesViewModel model, Messages messages) {
        ToggleButton chip = new ToggleButton(messages.get("route.filter.unprotected"), AppIcon.UNLOCK.node());
        chip.setId("filter-unprotected");
        chip.getStyleClass().addAll("filter-chip", Styles.SMALL);
        chip.setMnemonicParsing(false);
        chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        chip.selectedProperty().bindBidirectional(model.unprotectedOnlyProperty());
        return chip;
    }

    /** Lock and "protected", or open lock and "open": never colour alone. */
    private static Node keyAuthBadge(boolean on, Messages messages) {
        Label badge = new Label(
                messages.get(on ? "route.protected" : "route.open"), (on ? AppIcon.LOCK : AppIcon.UNLOCK).node());
        badge.getStyleClass().add(on ? "keyauth-on" : "keyauth-off");
        return badge;
    }

    /**
     * Who may call the route, how to call it and the tester first (its answer in view without scrolling), then the
     * route's settings, which the table mostly shows already.
     */
    private static Node details(RoutesViewModel model, Messages messages, ObjectNode route) {
        Optional<JsonNode> keyAuth = model.coverageProperty().get().protecting(route);
        Label coverage = new Label(
                keyAuth.map(p -> messages.get("route.protected.by", scopeOf(p, messages)))
                        .orElse(messages.get("route.unprotected")),
                (keyAuth.isPresent() ? AppIcon.LOCK : AppIcon.UNLOCK).node());
        coverage.setId("route-keyauth");
        coverage.setWrapText(true);
        coverage.getStyleClass().add(keyAuth.isPresent() ? Styles.SUCCESS : Styles.WARNING);

        Label curlTitle = new Label(messages.get("route.curl.title"));
        curlTitle.getStyleClass().add(Styles.TITLE_4);
        // The line follows the tester: change the method, path, headers or body there and it changes here.
        // Wrapped rather than scrolled, so the whole line is in view (a key header is often at its end).
        TextArea curl = new TextArea();
        NodeListeners.showText(curl, model.tester().curlBinding());
        curl.setId("route-curl");
        curl.setEditable(false);
        curl.setWrapText(true);
        curl.setPrefRowCount(2);
        curl.getStyleClass().add("monospace");
        HBox.setHgrow(curl, Priority.ALWAYS);
        Button copy = new Button(null, AppIcon.COPY.node());
        copy.setId("route-curl-copy");
        copy.getStyleClass().add(Styles.BUTTON_ICON);
        copy.setAccessibleText(messages.get("action.copy"));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(curl.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });

        DetailGrid grid = new DetailGrid()
                .add(messages.get("column.service"), model.serviceName(route))
                .add(messages.get("column.protocols"), Rows.joined(route, "protocols"))
                .add(messages.get("column.paths"), Rows.joined(route, "paths"))
                .add(messages.get("column.hosts"), Rows.joined(route, "hosts"))
                .add(messages.get("column.methods"), Rows.joined(route, "methods"))
                .add(messages.get("column.strip.path"), Rows.text(route, "strip_path"))
                .add(messages.get("column.preserve.host"), Rows.text(route, "preserve_host"))
                .add(messages.get("column.tags"), Rows.joined(route, "tags"));
        Label settings = new Label(messages.get("route.settings.title"));
        settings.getStyleClass().add(Styles.TITLE_4);
        return new VBox(
                12,
                coverage,
                new RequestTesterView(model.tester(), messages),
                curlTitle,
                new HBox(6, curl, copy),
                settings,
                grid);
    }

    private static String scopeOf(JsonNode plugin, Messages messages) {
        if (!Rows.refId(plugin, "route").isEmpty()) {
            return messages.get("route.scope.route");
        }
        return Rows.refId(plugin, "service").isEmpty()
                ? messages.get("route.scope.global")
                : messages.get("route.scope.service");
    }
}
