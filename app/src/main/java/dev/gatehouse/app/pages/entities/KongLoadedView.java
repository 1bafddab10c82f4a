package dev.gatehouse.app.pages.entities;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The "Compare with what Kong loaded" link under a gateway page's Kubernetes note, and its result. */
final class KongLoadedView extends VBox {

    KongLoadedView(KongLoadedViewModel model, Messages messages) {
        super(4);
        setId("kong-loaded");
        getStyleClass().add("kong-loaded");
        setPadding(new Insets(4, 0, 0, 0));
        visibleProperty().bind(model.availableProperty());
        managedProperty().bind(visibleProperty());

        Hyperlink compare = new Hyperlink(messages.get("loaded.compare"), AppIcon.REFRESH.node());
        compare.setId("kong-loaded-compare");
        compare.disableProperty().bind(model.runningProperty());
        compare.setOnAction(e -> model.compare());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(14, 14);
        Label comparing = new Label(messages.get("loaded.comparing"), spinner);
        comparing.getStyleClass().add(Styles.TEXT_MUTED);
        comparing.visibleProperty().bind(model.runningProperty());
        comparing.managedProperty().bind(comparing.visibleProperty());
        Hyperlink hide = new Hyperlink(messages.get("loaded.hide"));
        hide.setId("kong-loaded-hide");
        hide.visibleProperty().bind(model.shownProperty());
        hide.managedProperty().bind(hide.visibleProperty());
        hide.setOnAction(e -> model.hide());
        HBox links = new HBox(8, compare, comparing, hide);
        links.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("kong-loaded-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        model.inSyncProperty().addListener((obs, was, now) -> icon(summary, now));
        icon(summary, model.inSyncProperty().get());
        summary.visibleProperty().bind(model.shownProperty());
        summary.managedProperty().bind(summary.visibleProperty());
        VBox rows = new VBox(2);
        rows.setId("kong-loaded-rows");
        rows.setPadding(new Insets(0, 0, 0, 22));
        model.rows().addListener((ListChangeListener<KongLoadedViewModel.Row>) change -> {
            rows.getChildren().clear();
            for (KongLoadedViewModel.Row row : model.rows()) {
                Label line = new Label(
                        messages.get(row.missingFromKong() ? "loaded.not_loaded" : "loaded.not_shown") + " \u00b7 "
                                + row.object() + " \u2014 " + row.why(),
                        (row.missingFromKong() ? AppIcon.UNHEALTHY : AppIcon.PENDING).node());
                line.setWrapText(true);
                line.getStyleClass().add(row.missingFromKong() ? Styles.DANGER : Styles.WARNING);
                rows.getChildren().add(line);
            }
        });
        getChildren().addAll(links, summary, rows);
    }

    private static void icon(Label summary, boolean inSync) {
        summary.setGraphic((inSync ? AppIcon.HEALTHY : AppIcon.UNHEALTHY).node());
        summary.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        summary.getStyleClass().add(inSync ? Styles.SUCCESS : Styles.DANGER);
    }
}
