package dev.gatehouse.app.pages.upstreams;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.NodeListeners;
import dev.gatehouse.app.pages.entities.DetailGrid;
import dev.gatehouse.app.pages.entities.EntityPageView;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.pages.entities.SideControls;
import dev.gatehouse.app.repository.gateway.TargetHealth;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Upstreams page. */
public final class UpstreamsView extends EntityPageView {

    public UpstreamsView(UpstreamsViewModel model, Messages messages) {
        super(
                model,
                messages,
                List.of(
                        new Column(messages.get("column.name"), 280, r -> Rows.text(r, "name")),
                        new Column(messages.get("column.algorithm"), 180, r -> Rows.text(r, "algorithm")),
                        new Column(messages.get("column.slots"), 90, r -> Rows.text(r, "slots")),
                        new Column(
                                messages.get("column.targets"),
                                320,
                                r -> summaryText(messages, model.targetsOf(r)),
                                r -> summary(messages, model.targetsOf(r))),
                        new Column(TAGS, 0, r -> "")),
                row -> details(model, messages, row));
        // The side panel shows the selected upstream's targets live from its own model.
        refreshTableWhen(model.healthByUpstream());
    }

    /**
     * {@code 3 targets  2 Healthy  1 Unhealthy}: the sort key, and the measure of the column's width, which the
     * compact chips (icon and count) always fit in.
     */
    static String summaryText(Messages messages, List<TargetHealth> targets) {
        StringBuilder text = new StringBuilder(messages.get("upstream.targets.count", targets.size()));
        TargetsModel.counts(targets)
                .forEach((health, count) ->
                        text.append("  ").append(count).append(' ').append(HealthChip.text(messages, health)));
        return text.toString();
    }

    /** The target count, then a chip for each state with how many targets are in it. */
    private static Node summary(Messages messages, List<TargetHealth> targets) {
        Label count = new Label(messages.get("upstream.targets.count", targets.size()));
        HBox line = new HBox(6, count);
        line.setAlignment(Pos.CENTER_LEFT);
        for (Map.Entry<TargetHealth.Health, Long> entry :
                TargetsModel.counts(targets).entrySet()) {
            line.getChildren().add(HealthChip.counted(messages, entry.getKey(), entry.getValue()));
        }
        return line;
    }

    private static Node details(UpstreamsViewModel model, Messages messages, ObjectNode upstream) {
        String hashOn = Rows.text(upstream, "hash_on");
        String fallback = Rows.text(upstream, "hash_fallback");
        DetailGrid grid = new DetailGrid()
                .add(messages.get("column.algorithm"), Rows.text(upstream, "algorithm"))
                .add(
                        messages.get("column.hash.on"),
                        "none".equals(fallback) || fallback.isEmpty()
                                ? hashOn
                                : messages.get("upstream.hash.fallback", hashOn, fallback))
                .add(messages.get("column.slots"), Rows.text(upstream, "slots"))
                .add(messages.get("column.host.header"), Rows.text(upstream, "host_header"))
                .add(
                        messages.get("column.active.checks"),
                        UpstreamsViewModel.activeChecksOn(upstream)
                                ? messages.get(
                                        "upstream.checks.active.on",
                                        Rows.text(upstream.path("healthchecks").path("active"), "type"),
                                        Rows.text(upstream.path("healthchecks").path("active"), "http_path"))
                                : messages.get("upstream.checks.off"))
                .add(
                        messages.get("column.passive.checks"),
                        UpstreamsViewModel.passiveChecksOn(upstream)
                                ? messages.get("upstream.checks.on")
                                : messages.get("upstream.checks.off"))
                .add(messages.get("column.tags"), Rows.joined(upstream, "tags"));
        return new VBox(16, grid, targets(model.targets(), messages));
    }

    private static Node targets(TargetsModel model, Messages messages) {
        Label title = new Label(messages.get("targets.title"), AppIcon.TARGET.node());
        title.getStyleClass().add(Styles.TITLE_4);
        VBox list = new VBox(6);
        list.setId("targets-list");
        Runnable render = () -> {
            list.getChildren().clear();
            for (TargetHealth target : model.targets()) {
                list.getChildren().add(targetRow(model, messages, target));
            }
            if (model.targets().isEmpty()) {
                Label none = new Label(
                        model.loadedProperty().get() ? messages.get("targets.none") : messages.get("entity.loading"));
                none.getStyleClass().add(Styles.TEXT_MUTED);
                none.setWrapText(true);
                list.getChildren().add(none);
            }
        };
        // Built for every upstream selected; the targets model lives with the page.
        NodeListeners.onChange(list, model.targets(), (ListChangeListener<TargetHealth>) c -> render.run());
        NodeListeners.onChange(list, model.loadedProperty(), (obs, old, now) -> render.run());
        render.run();

        TextField target = new TextField();
        target.setId("target-address");
        target.setPromptText(messages.get("targets.target.prompt"));
        target.textProperty().bindBidirectional(model.newTargetProperty());
        HBox.setHgrow(target, Priority.ALWAYS);
        TextField weight = new TextField();
        weight.setId("target-weight");
        weight.setPromptText(messages.get("targets.weight.prompt"));
        weight.setPrefColumnCount(8);
        weight.textProperty().bindBidirectional(model.newWeightProperty());
        Button add = new Button(messages.get("targets.add"), AppIcon.ADD.node());
        add.setId("target-add");
        add.getStyleClass().add(Styles.ACCENT);
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.disableProperty().bind(model.busyProperty());
        add.setOnAction(e -> model.create());
        target.setOnAction(e -> model.create());
        weight.setOnAction(e -> model.create());
        HBox addLine = new HBox(8, target, weight, add);
        addLine.setAlignment(Pos.CENTER_LEFT);
        Label targetError = SideControls.errorLabel("target-address-error", model.targetErrorProperty());
        Label weightError = SideControls.errorLabel("target-weight-error", model.weightErrorProperty());
        Label status = new Label();
        status.setId("targets-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        Label hint = new Label(messages.get("targets.hint"));
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        return new VBox(8, title, list, addLine, targetError, weightError, hint, status);
    }

    private static Node targetRow(TargetsModel model, Messages messages, TargetHealth target) {
        Label address = new Label(target.target());
        address.getStyleClass().add("monospace");
        address.setId("target-" + target.target());
        address.setMinWidth(Region.USE_PREF_SIZE);
        // Kong Manager edits a target's weight in place; Enter or leaving the field saves it.
        TextField weight = new TextField(String.valueOf(target.weight()));
        weight.setId("weight-" + target.target());
        weight.setPrefColumnCount(5);
        weight.setMinWidth(Region.USE_PREF_SIZE);
        weight.getStyleClass().add(Styles.SMALL);
        weight.setTooltip(new Tooltip(messages.get("targets.weight.tooltip")));
        weight.setAccessibleText(messages.get("targets.weight.label"));
        weight.setPromptText(messages.get("targets.weight.label"));
        weight.setOnAction(e -> model.setWeight(target, weight.getText()));
        weight.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                model.setWeight(target, weight.getText());
            }
        });
        Label health = HealthChip.of(messages, target.health());
        health.setId("health-" + target.target());
        health.setMinWidth(Region.USE_PREF_SIZE);
        boolean healthy = target.health() == TargetHealth.Health.HEALTHY;
        // Words, not an icon: a warning sign next to a green chip would read as a warning, not an action.
        Button mark = new Button(messages.get(healthy ? "targets.mark.unhealthy" : "targets.mark.healthy"));
        mark.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        mark.setMinWidth(Region.USE_PREF_SIZE);
        mark.setId("mark-" + target.target());
        mark.setOnAction(e -> model.mark(target, !healthy));
        mark.setVisible(TargetsModel.canMark(target));
        mark.setManaged(mark.isVisible());
        Button delete = SideControls.iconButton(AppIcon.DELETE, messages.get("action.delete"));
        delete.setId("target-delete-" + target.target());
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> model.delete(target));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8, address, spacer, weight, health, mark, delete);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("target-row");
        return row;
    }
}
