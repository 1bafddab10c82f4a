package dev.gatehouse.app.tour;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.policyeditor.YamlArea;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * The tour's drawer at the right of the main window: a checklist of the seven steps, each with its state, why, the
 * YAML it writes (folded until asked for), "Do it" and "Check", and the last check's answer; progress and "Reset
 * tour" on top. It stays open across pages, so a step can be done through the forms or the graph beside it.
 */
public final class TourPanel extends VBox {

    // style classes of gatehouse.css, named once
    static final String PANEL = "tour-panel";
    static final String STEP = "tour-step";
    static final String STEP_CURRENT = "tour-step-current";
    static final String BADGE = "tour-badge";
    static final String YAML = "tour-yaml";
    static final String RESULT = "tour-result";
    static final String NOTE = "tour-note";
    static final String HEADER = "tour-header";
    static final String NUMBER = "tour-number";
    static final String STEPS = "tour-steps";

    private static final double YAML_LINE = 20;

    private final TourViewModel model;
    private final Messages messages;

    public TourPanel(TourViewModel model, Messages messages) {
        this.model = model;
        this.messages = messages;
        setId("tour-panel");
        getStyleClass().add(PANEL);
        setSpacing(10);
        setPrefWidth(460);
        setMinWidth(400);
        setMaxWidth(520);
        VBox list = new VBox(10);
        list.getStyleClass().add(STEPS);
        for (TourStepModel step : model.steps()) {
            list.getChildren().add(row(step));
        }
        ScrollPane scroll = new ScrollPane(list);
        scroll.setId("tour-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().setAll(header(), scroll);
    }

    private Node header() {
        Label title = new Label(messages.get("tour.title"), AppIcon.POLICY.node());
        title.getStyleClass().add(Styles.TITLE_3);
        Button close = new Button(null, AppIcon.CLOSE.node());
        close.setId("tour-close");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setAccessibleText(messages.get("tour.close"));
        close.setTooltip(new Tooltip(messages.get("tour.close")));
        close.setOnAction(e -> model.openProperty().set(false));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, title, gap, close);
        top.setAlignment(Pos.CENTER_LEFT);

        Label about = wrapped(messages.get("tour.about"));
        about.getStyleClass().add(Styles.TEXT_MUTED);

        Label progress = new Label();
        progress.setId("tour-progress");
        progress.getStyleClass().add(Styles.TEXT_BOLD);
        progress.textProperty().bind(model.summaryProperty());
        Button refresh = new Button(null, AppIcon.REFRESH.node());
        refresh.setId("tour-refresh");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.setAccessibleText(messages.get("tour.refresh"));
        refresh.setTooltip(new Tooltip(messages.get("tour.refresh")));
        refresh.disableProperty().bind(model.busyProperty());
        refresh.setOnAction(e -> model.refresh());
        Button reset = new Button(messages.get("tour.reset"), AppIcon.UNDO.node());
        reset.setId("tour-reset");
        reset.getStyleClass().add(Styles.FLAT);
        reset.setTooltip(new Tooltip(messages.get("tour.reset.tooltip")));
        reset.disableProperty().bind(model.busyProperty());
        reset.setOnAction(e -> model.reset());
        Region gap2 = new Region();
        HBox.setHgrow(gap2, Priority.ALWAYS);
        HBox bar = new HBox(6, progress, gap2, refresh, reset);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label error = wrapped("");
        error.setId("tour-error");
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        showWhen(error, model.errorProperty().isNotEmpty());

        VBox header = new VBox(6, top, about, bar, error);
        header.getStyleClass().add(HEADER);
        return header;
    }

    private Node row(TourStepModel step) {
        String id = step.step().id();
        Label number = new Label(String.valueOf(step.step().ordinal() + 1));
        number.getStyleClass().add(NUMBER);
        number.setMinWidth(Region.USE_PREF_SIZE);
        Label title = wrapped(messages.get(step.step().titleKey()));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        Label badge = new Label();
        badge.setId("tour-status-" + id);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        badge.getStyleClass().add(BADGE);
        HBox top = new HBox(8, number, title, badge);
        top.setAlignment(Pos.CENTER_LEFT);

        Label why = wrapped(messages.get(step.step().whyKey()));
        why.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        YamlArea yaml = new YamlArea();
        yaml.setId("tour-yaml-" + id);
        yaml.setEditable(false);
        // long comments wrap rather than bring a horizontal scroll bar into a narrow drawer
        yaml.setWrapText(true);
        yaml.setAccessibleText(messages.get("tour.yaml"));
        VirtualizedScrollPane<YamlArea> yamlScroll = new VirtualizedScrollPane<>(yaml);
        yamlScroll.getStyleClass().add(YAML);
        Runnable fillYaml = () -> {
            // without the final newline, which would show as an empty numbered line
            yaml.replaceText(step.previewProperty().get().stripTrailing());
            yaml.moveTo(0);
            yaml.requestFollowCaret();
            int lines = Math.max(1, Math.min(16, yaml.getParagraphs().size()));
            yamlScroll.setPrefHeight(lines * YAML_LINE + 12);
            yamlScroll.setMinHeight(Region.USE_PREF_SIZE);
        };
        step.previewProperty().addListener((obs, old, now) -> fillYaml.run());
        fillYaml.run();
        ToggleButton showYaml = new ToggleButton(messages.get("tour.yaml"), AppIcon.EYE.node());
        showYaml.setId("tour-yaml-toggle-" + id);
        showYaml.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        showWhen(yamlScroll, showYaml.selectedProperty());

        Button perform = new Button(messages.get("tour.do"), AppIcon.ARROW_RIGHT.node());
        perform.setId("tour-do-" + id);
        perform.getStyleClass().addAll(Styles.ACCENT, Styles.SMALL);
        perform.disableProperty().bind(step.enabledProperty().not());
        perform.setOnAction(e -> model.perform(step.step()));
        Button check = new Button(messages.get("tour.check"), AppIcon.SEND.node());
        check.setId("tour-check-" + id);
        check.getStyleClass().add(Styles.SMALL);
        check.disableProperty().bind(step.checkableProperty().not());
        check.setOnAction(e -> model.check(step.step()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox actions = new HBox(6, showYaml, gap, check, perform);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label result = wrapped("");
        result.setId("tour-result-" + id);
        result.getStyleClass().add(RESULT);
        result.textProperty().bind(step.checkProperty());
        showWhen(result, step.checkProperty().isNotEmpty());
        Label note = wrapped("");
        note.setId("tour-note-" + id);
        note.getStyleClass().add(NOTE);
        note.textProperty().bind(step.noteProperty());
        showWhen(note, step.noteProperty().isNotEmpty());

        VBox box = new VBox(6, top, why, actions, yamlScroll, result, note);
        box.setId("tour-step-" + id);
        box.getStyleClass().add(STEP);
        Runnable status = () -> showStatus(step, box, badge, result, note, perform);
        step.statusProperty().addListener((obs, old, now) -> status.run());
        step.enabledProperty().addListener((obs, old, now) -> status.run());
        status.run();
        return box;
    }

    private void showStatus(TourStepModel step, VBox box, Label badge, Label result, Label note, Button perform) {
        TourStepModel.Status status = step.statusProperty().get();
        badge.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.ACCENT, Styles.TEXT_MUTED);
        result.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        note.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
        // a note is a reason when the step failed, else a remark ("Applying…", "Done before, but…")
        note.getStyleClass().add(status == TourStepModel.Status.FAILED ? Styles.DANGER : Styles.TEXT_MUTED);
        box.getStyleClass().remove(STEP_CURRENT);
        switch (status) {
            case TODO -> {
                badge.setText(messages.get("tour.status.todo"));
                badge.setGraphic(AppIcon.ABSENT.node());
                badge.getStyleClass().add(Styles.TEXT_MUTED);
            }
            case WORKING -> {
                badge.setText(messages.get("tour.status.working"));
                badge.setGraphic(AppIcon.PENDING.node());
                badge.getStyleClass().add(Styles.ACCENT);
            }
            case DONE -> {
                badge.setText(messages.get("tour.status.done"));
                badge.setGraphic(AppIcon.HEALTHY.node());
                badge.getStyleClass().add(Styles.SUCCESS);
                result.getStyleClass().add(Styles.SUCCESS);
            }
            case ALREADY_TRUE -> {
                badge.setText(messages.get("tour.status.already"));
                badge.setGraphic(AppIcon.HEALTHY.node());
                badge.getStyleClass().add(Styles.SUCCESS);
            }
            case FAILED -> {
                badge.setText(messages.get("tour.status.failed"));
                badge.setGraphic(AppIcon.UNHEALTHY.node());
                badge.getStyleClass().add(Styles.DANGER);
                result.getStyleClass().add(Styles.DANGER);
            }
            case UNAVAILABLE -> {
                badge.setText(messages.get("tour.status.unavailable"));
                badge.setGraphic(AppIcon.ABSENT.node());
                badge.getStyleClass().add(Styles.TEXT_MUTED);
            }
        }
        // a complete step has nothing left to do; Check stays, to ask again
        perform.setVisible(!step.isComplete());
        perform.setManaged(!step.isComplete());
        // the step to do next stands out, so the eye finds where the tour is
        if (step.enabledProperty().get() || status == TourStepModel.Status.WORKING) {
            box.getStyleClass().add(STEP_CURRENT);
        }
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        // a wrapped label in a VBox is otherwise given one line's height and cut with an ellipsis
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static void showWhen(Node node, ObservableBooleanValue shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(shown);
    }
}
