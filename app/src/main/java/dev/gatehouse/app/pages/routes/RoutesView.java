package dev.gatehouse.app.pages.routes;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.NodeListeners;
import dev.gatehouse.app.pages.entities.DetailGrid;
import dev.gatehouse.app.pages.entities.EntityPageView;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.routeauth.KeyAuthProposal;
import java.util.List;
import javafx.beans.binding.Bindings;
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

/** The Routes page: each route's authentication (flagged when there is none), a ready curl line and the tester. */
public final class RoutesView extends EntityPageView {

    public RoutesView(RoutesViewModel model, Messages messages) {
        super(
                model,
                messages,
                List.of(
                        new Column(messages.get("column.name"), 280, r -> Rows.text(r, "name")),
                        new Column(messages.get("column.service"), 240, model::serviceName),
                        new Column(messages.get("column.paths"), 320, RoutesView::pathsOrExpression),
                        new Column(messages.get("column.hosts"), 280, r -> Rows.joined(r, "hosts")),
                        new Column(messages.get("column.methods"), 200, r -> Rows.joined(r, "methods")),
                        new Column(
                                messages.get("column.auth"),
                                220,
                                model::authWord,
                                r -> AuthFlag.badge(model, r, messages)),
                        new Column(TAGS, 0, r -> "")),
                row -> details(model, messages, row),
                unprotectedChip(model, messages));
        // Coverage and service names arrive after the routes; the preview opens and closes in the side panel.
        refreshWhen(
                model.coverageProperty(),
                model.authenticationProperty(),
                model.servicesProperty(),
                model.proposalProperty());
    }

    /** A route of Kong's expressions router matches by its expression, which then stands where paths would. */
    private static String pathsOrExpression(com.fasterxml.jackson.databind.JsonNode route) {
        return hasExpression(route) ? Rows.text(route, "expression") : Rows.joined(route, "paths");
    }

    private static boolean hasExpression(com.fasterxml.jackson.databind.JsonNode route) {
        return !Rows.text(route, "expression").isEmpty();
    }

    /**
     * The summary that is also a filter: "3 routes accept anonymous requests"; pressed, it keeps only those routes.
     */
    private static Node unprotectedChip(RoutesViewModel model, Messages messages) {
        ToggleButton chip = new ToggleButton(null, AppIcon.UNHEALTHY.node());
        chip.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> messages.get(
                                "route.filter.anonymous",
                                model.anonymousCountProperty().get()),
                        model.anonymousCountProperty()));
        chip.setId("filter-unprotected");
        chip.getStyleClass().addAll("filter-chip", Styles.SMALL);
        // Warning colours and icon only while some route is open to anyone; the words say it in any case.
        model.anonymousCountProperty().addListener((obs, old, now) -> anonymous(chip, now.intValue() > 0));
        anonymous(chip, model.anonymousCountProperty().get() > 0);
        chip.setMnemonicParsing(false);
        chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        chip.selectedProperty().bindBidirectional(model.unprotectedOnlyProperty());
        return chip;
    }

    private static void anonymous(ToggleButton chip, boolean some) {
        chip.pseudoClassStateChanged(AuthFlag.ANONYMOUS, some);
        chip.setGraphic((some ? AppIcon.UNHEALTHY : AppIcon.HEALTHY).node());
    }

    /**
     * Who may call the route, how to call it and the tester first (its answer in view without scrolling), then the
     * route's settings, which the table mostly shows already.
     */
    private static Node details(RoutesViewModel model, Messages messages, ObjectNode route) {
        Node coverage = AuthFlag.coverage(model, route, messages);
        KeyAuthProposal proposal = model.proposalProperty().get();
        if (proposal != null && proposal.routeId().equals(Rows.text(route, "id"))) {
            // The decision in front: the preview alone under the route's flag.
            return new VBox(12, coverage, new KeyAuthPreviewView(model, proposal, messages));
        }

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
                .addIf(messages.get("column.expression"), Rows.text(route, "expression"))
                .addIf(messages.get("column.priority"), hasExpression(route) ? Rows.text(route, "priority") : "")
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
}
