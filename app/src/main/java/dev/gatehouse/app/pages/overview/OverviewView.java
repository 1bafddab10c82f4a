package dev.gatehouse.app.pages.overview;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.EmptyStateView;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageView;
import dev.gatehouse.app.pages.consumers.ConsumersPage;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.pages.plugins.PluginsPage;
import dev.gatehouse.app.pages.routes.RoutesPage;
import dev.gatehouse.app.pages.services.ServicesPage;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The Overview: gateway version and counts, unprotected routes, and each mesh's zero-trust state. */
public final class OverviewView extends PageView {

    private static final int SHOWN_ROUTES = 5;

    public OverviewView(OverviewViewModel model, Messages messages, Consumer<PageId> navigator, Runnable openTour) {
        super(model, content(model, messages, navigator, openTour));
    }

    private static Node content(
            OverviewViewModel model, Messages messages, Consumer<PageId> navigator, Runnable openTour) {
        VBox cards = new VBox(
                16,
                gatewayCard(model, messages, navigator),
                northSouthCard(model, messages),
                eastWestCard(model, messages),
                tourCard(messages, openTour));
        cards.setId("overview-cards");
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.visibleProperty().bind(model.requirementMetBinding());
        EmptyStateView empty = new EmptyStateView(model, messages);
        empty.visibleProperty().bind(model.requirementMetBinding().not());
        return new StackPane(scroll, empty);
    }

    /** Where to go from the posture above: the seed walkthrough as a guided tour (issue 18). */
    private static Node tourCard(Messages messages, Runnable openTour) {
        VBox card = card("tour.title", AppIcon.POLICY, messages);
        Label body = new Label(messages.get("overview.tour.body"));
        body.setWrapText(true);
        body.getStyleClass().add(Styles.TEXT_MUTED);
        Button open = new Button(messages.get("overview.tour.open"), AppIcon.ARROW_RIGHT.node());
        open.setId("overview-tour");
        open.setOnAction(e -> openTour.run());
        card.getChildren().addAll(body, open);
        return card;
    }

    private static VBox card(String titleKey, AppIcon icon, Messages messages) {
        Label title = new Label(messages.get(titleKey), icon.node());
        title.getStyleClass().add(Styles.TITLE_4);
        VBox card = new VBox(12, title);
        card.getStyleClass().add("overview-card");
        return card;
    }

    private static Node gatewayCard(OverviewViewModel model, Messages messages, Consumer<PageId> navigator) {
        VBox card = card("overview.gateway.title", AppIcon.SERVICE, messages);
        Label version = new Label();
        version.setId("overview-gateway-version");
        version.textProperty().bind(model.gatewayVersionProperty());
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(model.gatewayErrorProperty());
        error.managedProperty().bind(model.gatewayErrorProperty().isNotEmpty());
        FlowPane tiles = new FlowPane(
                12,
                12,
                tile(
                        "overview-services",
                        "page.services.title",
                        model.servicesProperty(),
                        ServicesPage.ID,
                        messages,
                        navigator),
                tile(
                        "overview-routes",
                        "page.routes.title",
                        model.routesProperty(),
                        RoutesPage.ID,
                        messages,
                        navigator),
                tile(
                        "overview-consumers",
                        "page.consumers.title",
                        model.consumersProperty(),
                        ConsumersPage.ID,
                        messages,
                        navigator),
                tile(
                        "overview-plugins",
                        "page.plugins.title",
                        model.pluginsProperty(),
                        PluginsPage.ID,
                        messages,
                        navigator));
        card.getChildren().addAll(version, tiles, error);
        return card;
    }

    /** A count that opens its page when clicked (or activated from the keyboard). */
    private static Node tile(
            String id,
            String labelKey,
            IntegerProperty count,
            PageId page,
            Messages messages,
            Consumer<PageId> navigator) {
        Label number = new Label();
        number.setId(id);
        number.getStyleClass().add(Styles.TITLE_2);
        number.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> count.get() < 0 ? "\u2026" : String.valueOf(count.get()), count));
        Label label = new Label(messages.get(labelKey));
        label.getStyleClass().add(Styles.TEXT_MUTED);
        Button tile = new Button(null, new VBox(2, number, label));
        tile.getStyleClass().addAll("overview-tile", Styles.FLAT);
        tile.setOnAction(e -> navigator.accept(page));
        return tile;
    }

    private static Node northSouthCard(OverviewViewModel model, Messages messages) {
        VBox card = card("overview.northsouth.title", AppIcon.LOCK, messages);
        Label verdict = new Label();
        verdict.setId("overview-unprotected");
        verdict.setWrapText(true);
        VBox list = new VBox(4);
        Runnable render = () -> {
            int open = model.unprotectedRoutes().size();
            boolean known = model.routesProperty().get() >= 0;
            verdict.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING);
            if (!known) {
                verdict.setText("");
                verdict.setGraphic(null);
            } else if (open == 0) {
                verdict.setText(messages.get(
                        "overview.routes.all.protected", model.routesProperty().get()));
                verdict.setGraphic(AppIcon.HEALTHY.node());
                verdict.getStyleClass().add(Styles.SUCCESS);
            } else {
                verdict.setText(messages.get("overview.routes.unprotected", open));
                verdict.setGraphic(AppIcon.UNHEALTHY.node());
                verdict.getStyleClass().add(Styles.WARNING);
            }
            list.getChildren().clear();
            // Five, so that at 1100x700 the mesh's posture below is still in view; the rest are one click away.
            for (ObjectNode route :
                    model.unprotectedRoutes().stream().limit(SHOWN_ROUTES).toList()) {
                Label line = new Label(
                        Rows.label(route) + "   " + Rows.joined(route, "paths") + " " + Rows.joined(route, "hosts"),
                        AppIcon.UNLOCK.node());
                line.getStyleClass().add("monospace");
                list.getChildren().add(line);
            }
            if (open > SHOWN_ROUTES) {
                Label rest = new Label(messages.get("overview.routes.more", open - SHOWN_ROUTES));
                rest.setId("overview-unprotected-more");
                rest.getStyleClass().add(Styles.TEXT_MUTED);
                list.getChildren().add(rest);
            }
            if (open > 0) {
                Hyperlink more = new Hyperlink(messages.get("overview.routes.open"));
                more.setId("overview-open-unprotected");
                more.setOnAction(e -> model.openUnprotectedRoutes());
                list.getChildren().add(more);
            }
        };
        model.unprotectedRoutes().addListener((ListChangeListener<ObjectNode>) c -> render.run());
        model.routesProperty().addListener((obs, old, now) -> render.run());
        render.run();
        card.getChildren().addAll(verdict, list);
        return card;
    }

    private static Node eastWestCard(OverviewViewModel model, Messages messages) {
        VBox card = card("overview.eastwest.title", AppIcon.POLICY, messages);
        VBox rows = new VBox(8);
        rows.setId("overview-meshes");
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(model.meshErrorProperty());
        error.managedProperty().bind(model.meshErrorProperty().isNotEmpty());
        Runnable render = () -> {
            rows.getChildren().clear();
            for (MeshPosture mesh : model.meshes()) {
                rows.getChildren().add(meshRow(mesh, messages));
            }
            if (model.meshes().isEmpty()) {
                Label none = new Label(messages.get("overview.mesh.none"));
                none.getStyleClass().add(Styles.TEXT_MUTED);
                rows.getChildren().add(none);
            }
        };
        model.meshes().addListener((ListChangeListener<MeshPosture>) c -> render.run());
        render.run();
        card.getChildren().addAll(rows, error);
        return card;
    }

    private static Node meshRow(MeshPosture mesh, Messages messages) {
        Label name = new Label(mesh.mesh());
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label mtls = new Label(
                mesh.mtls()
                        ? messages.get("overview.mesh.mtls.on", mesh.backend())
                        : messages.get("overview.mesh.mtls.off"),
                (mesh.mtls() ? AppIcon.LOCK : AppIcon.UNLOCK).node());
        mtls.getStyleClass().add(mesh.mtls() ? Styles.SUCCESS : Styles.WARNING);
        Label verdict = new Label(
                mesh.zeroTrust()
                        ? messages.get("overview.mesh.zerotrust")
                        : mesh.allowAllPolicies().isEmpty()
                                ? messages.get("overview.mesh.not.enforced")
                                : messages.get(
                                        "overview.mesh.allowall",
                                        String.join(", ", mesh.allowAllPolicies()),
                                        mesh.allowAllPolicies().size()),
                (mesh.zeroTrust() ? AppIcon.HEALTHY : AppIcon.UNHEALTHY).node());
        verdict.setId("overview-mesh-" + mesh.mesh());
        verdict.setWrapText(true);
        verdict.getStyleClass().add(mesh.zeroTrust() ? Styles.SUCCESS : Styles.WARNING);
        HBox line = new HBox(16, name, mtls);
        line.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, line, verdict);
    }
}
