package dev.gatehouse.app.pages.export;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.declarative.plan.Plan;
import dev.gatehouse.app.i18n.Messages;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The import tab: Open file…, Plan again and Apply; what the plan is of and its summary; the apply's progress; the
 * result or the reason it stopped; and the plan itself as a tree.
 */
final class ImportView extends VBox {

    private final ImportViewModel model;
    private final Messages messages;
    private Function<Window, Optional<Path>> openChooser = this::showOpenDialog;

    ImportView(ImportViewModel model, Messages messages) {
        super(10);
        this.model = model;
        this.messages = messages;
        getChildren().addAll(actions(), heading(), progress(), notices(), tree());
    }

    /** Replaces the open dialog (tests answer it without a native window). */
    void setOpenChooser(Function<Window, Optional<Path>> chooser) {
        this.openChooser = chooser;
    }

    private HBox actions() {
        var busy = model.planningProperty().or(model.applyingProperty());
        Button open = new Button(messages.get("import.open"));
        open.setId("import-open");
        open.getStyleClass().add(Styles.ACCENT);
        open.disableProperty().bind(model.applyingProperty());
        open.setOnAction(e -> openChooser.apply(getScene().getWindow()).ifPresent(model::open));
        Button replan = new Button(messages.get("import.replan"));
        replan.setId("import-replan");
        replan.disableProperty().bind(model.fileNameProperty().isEmpty().or(busy));
        replan.setOnAction(e -> model.replan());
        Button apply = new Button(messages.get("import.apply"));
        apply.setId("import-apply");
        apply.getStyleClass().add(Styles.DANGER);
        apply.disableProperty()
                .bind(Bindings.createBooleanBinding(
                                () -> model.planProperty().get() == null
                                        || model.planProperty().get().isEmpty(),
                                model.planProperty())
                        .or(model.spentProperty())
                        .or(busy));
        apply.setOnAction(e -> model.apply());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.planningProperty());
        Label file = new Label();
        file.setId("import-file");
        file.getStyleClass().add(Styles.TEXT_MUTED);
        file.textProperty().bind(model.fileNameProperty());
        HBox row = new HBox(8, open, replan, apply, spinner, file);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private VBox heading() {
        Label heading = new Label();
        heading.setId("import-heading");
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        heading.textProperty().bind(model.headingProperty());
        Label summary = new Label();
        summary.setId("import-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.planProperty().get() == null
                                ? ""
                                : model.summary(model.planProperty().get()),
                        model.planProperty()));
        VBox box = new VBox(2, heading, summary);
        var shown = model.planProperty().isNotNull();
        box.visibleProperty().bind(shown);
        box.managedProperty().bind(shown);
        return box;
    }

    private HBox progress() {
        ProgressBar bar = new ProgressBar();
        bar.setId("import-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label text = new Label();
        text.setMinWidth(Region.USE_PREF_SIZE);
        bar.progressProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> {
                            Plan plan = model.planProperty().get();
                            return plan == null || plan.isEmpty()
                                    ? 0
                                    : (double) model.appliedCountProperty().get()
                                            / plan.changes().size();
                        },
                        model.planProperty(),
                        model.appliedCountProperty()));
        text.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            Plan plan = model.planProperty().get();
                            return plan == null
                                    ? ""
                                    : messages.get(
                                            "import.applying",
                                            model.appliedCountProperty().get(),
                                            plan.changes().size());
                        },
                        model.planProperty(),
                        model.appliedCountProperty()));
        HBox row = new HBox(8, bar, text);
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(model.applyingProperty());
        row.managedProperty().bind(model.applyingProperty());
        return row;
    }

    private VBox notices() {
        return new VBox(
                4,
                Notice.of("import-error", Styles.DANGER, model.errorProperty()),
                Notice.of("import-status", Styles.SUCCESS, model.statusProperty()));
    }

    private StackPane tree() {
        PlanTree tree = new PlanTree(messages, model.appliedCountProperty(), model.failedAtProperty());
        tree.setId("import-plan");
        model.planProperty().addListener((obs, old, now) -> tree.show(now));
        tree.show(model.planProperty().get());
        Label placeholder = new Label();
        placeholder.setId("import-placeholder");
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.setWrapText(true);
        placeholder.setMouseTransparent(true);
        placeholder
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            if (model.planningProperty().get()) {
                                return messages.get("import.planning");
                            }
                            Plan plan = model.planProperty().get();
                            if (plan == null) {
                                return messages.get("import.empty");
                            }
                            return plan.isEmpty()
                                    ? messages.get(
                                            "import.no_changes",
                                            model.fileNameProperty().get())
                                    : "";
                        },
                        model.planningProperty(),
                        model.planProperty(),
                        model.fileNameProperty()));
        placeholder.visibleProperty().bind(placeholder.textProperty().isNotEmpty());
        StackPane stack = new StackPane(tree, placeholder);
        VBox.setVgrow(stack, Priority.ALWAYS);
        return stack;
    }

    private Optional<Path> showOpenDialog(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.get("import.open.title"));
        chooser.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml", "*.json"),
                        new FileChooser.ExtensionFilter("*", "*"));
        File file = chooser.showOpenDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }
}
