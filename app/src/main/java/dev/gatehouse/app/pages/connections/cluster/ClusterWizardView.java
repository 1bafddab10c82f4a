package dev.gatehouse.app.pages.connections.cluster;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.kubernetes.cluster.ContextStatus;
import dev.gatehouse.app.kubernetes.cluster.Installation;
import dev.gatehouse.app.pages.connections.cluster.ClusterWizardViewModel.ContextRow;
import dev.gatehouse.app.pages.connections.cluster.ClusterWizardViewModel.Source;
import dev.gatehouse.app.pages.connections.cluster.ClusterWizardViewModel.Step;
import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The connect-to-cluster wizard's content: the steps named on top (the current one marked), the step itself, and
 * Cancel, Back and Next (Save connection on the last step) below, with the reason when a step cannot go on.
 */
public final class ClusterWizardView extends BorderPane {

    private final ClusterWizardViewModel model;
    private final Messages messages;
    private Function<Window, Optional<File>> fileChooser = this::showOpenDialog;
    private Runnable onClose = () -> {};

    public ClusterWizardView(ClusterWizardViewModel model, Messages messages) {
        this.model = model;
        this.messages = messages;
        setId("cluster-wizard");
        getStyleClass().add("cluster-wizard");
        setPadding(new Insets(16));
        setTop(steps());
        StackPane body = new StackPane(
                pane(Step.KUBECONFIG, kubeconfigStep()),
                pane(Step.CONTEXTS, contextsStep()),
                pane(Step.NAMESPACES, namespacesStep()),
                pane(Step.INSTALLED, installedStep()),
                pane(Step.SAVE, saveStep()));
        body.setPadding(new Insets(16, 0, 16, 0));
        setCenter(body);
        setBottom(buttons());
        model.savedProperty().addListener((obs, was, now) -> {
            if (now) {
                onClose.run();
            }
        });
    }

    /** What closes the window holding the wizard (Cancel, or once saved). */
    public void setOnClose(Runnable onClose) {
        this.onClose = onClose;
    }

    /** Replaces the file dialog (tests answer it without a native window). */
    public void setFileChooser(Function<Window, Optional<File>> chooser) {
        this.fileChooser = chooser;
    }

    private Node steps() {
        HBox row = new HBox(18);
        row.setAlignment(Pos.CENTER_LEFT);
        int number = 1;
        for (Step each : Step.values()) {
            Label label = new Label(number++ + "  " + messages.get(stepKey(each)));
            label.getStyleClass().add("wizard-step");
            Runnable mark = () -> {
                label.getStyleClass().removeAll("wizard-step-current", "wizard-step-done");
                Step now = model.stepProperty().get();
                if (each == now) {
                    label.getStyleClass().add("wizard-step-current");
                } else if (each.ordinal() < now.ordinal()) {
                    label.getStyleClass().add("wizard-step-done");
                }
            };
            model.stepProperty().addListener((obs, old, now) -> mark.run());
            mark.run();
            row.getChildren().add(label);
        }
        Label title = new Label(messages.get("cluster.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        return new VBox(10, title, row);
    }

    private static String stepKey(Step step) {
        return switch (step) {
            case KUBECONFIG -> "cluster.step.kubeconfig";
            case CONTEXTS -> "cluster.step.contexts";
            case NAMESPACES -> "cluster.step.namespaces";
            case INSTALLED -> "cluster.step.installed";
            case SAVE -> "cluster.step.save";
        };
    }

    private Node pane(Step step, Node content) {
        var shown = model.stepProperty().isEqualTo(step);
        content.visibleProperty().bind(shown);
        content.managedProperty().bind(shown);
        return content;
    }

    private Node kubeconfigStep() {
        ToggleGroup group = new ToggleGroup();
        RadioButton found = radio(group, Source.FOUND, "cluster.source.found");
        Label foundText = new Label();
        foundText.setId("cluster-found");
        foundText.setWrapText(true);
        foundText.getStyleClass().add(Styles.TEXT_MUTED);
        foundText.textProperty().bind(model.foundProperty());

        RadioButton file = radio(group, Source.FILE, "cluster.source.file");
        TextField path = new TextField();
        path.setId("cluster-file");
        path.textProperty().bindBidirectional(model.fileProperty());
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button(messages.get("cluster.browse"));
        browse.setOnAction(e -> fileChooser
                .apply(getScene().getWindow())
                .ifPresent(f -> model.fileProperty().set(f.getPath())));
        HBox fileRow = new HBox(8, path, browse);
        fileRow.disableProperty().bind(model.sourceProperty().isNotEqualTo(Source.FILE));

        RadioButton paste = radio(group, Source.PASTED, "cluster.source.pasted");
        TextArea text = new TextArea();
        text.setId("cluster-pasted");
        text.getStyleClass().add("monospace");
        text.setPrefRowCount(9);
        text.textProperty().bindBidirectional(model.pastedProperty());
        text.disableProperty().bind(model.sourceProperty().isNotEqualTo(Source.PASTED));
        Label note = new Label(messages.get("cluster.pasted.note"));
        note.setWrapText(true);
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.sourceProperty().set((Source) now.getUserData());
            }
        });
        model.sourceProperty()
                .addListener((obs, old, now) -> group.getToggles().stream()
                        .filter(t -> t.getUserData() == now)
                        .findFirst()
                        .ifPresent(group::selectToggle));
        return new VBox(8, found, indent(foundText), file, indent(fileRow), paste, indent(new VBox(4, text, note)));
    }

    private RadioButton radio(ToggleGroup group, Source source, String key) {
        RadioButton radio = new RadioButton(messages.get(key));
        radio.setId("cluster-source-" + source.name().toLowerCase());
        radio.setToggleGroup(group);
        radio.setUserData(source);
        radio.setSelected(model.sourceProperty().get() == source);
        return radio;
    }

    private static Node indent(Node node) {
        VBox box = new VBox(node);
        box.setPadding(new Insets(0, 0, 4, 26));
        return box;
    }

    private Node contextsStep() {
        ListView<ContextRow> list = new ListView<>(model.contexts());
        list.setId("cluster-contexts");
        list.setCellFactory(view -> new ContextCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.contextProperty().set(now.name());
            }
        });
        // Rows are replaced as probes end: keep the chosen context selected.
        model.contexts().addListener((ListChangeListener<ContextRow>) change -> selectChosen(list));
        model.contextProperty().addListener((obs, old, now) -> selectChosen(list));
        VBox.setVgrow(list, Priority.ALWAYS);
        Label hint = new Label(messages.get("cluster.contexts.hint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        Button again = new Button(messages.get("cluster.probe.again"), AppIcon.REFRESH.node());
        again.setId("cluster-probe-again");
        again.setOnAction(e -> model.probeAgain());
        HBox top = new HBox(8, hint, spacer(), again);
        top.setAlignment(Pos.CENTER_LEFT);
        return new VBox(8, top, list);
    }

    private void selectChosen(ListView<ContextRow> list) {
        String chosen = model.contextProperty().get();
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).name().equals(chosen)
                    && list.getSelectionModel().getSelectedIndex() != i) {
                list.getSelectionModel().select(i);
            }
        }
    }

    /** A context: its name (and "current"), then a spinner while it is tried, or its status sentence. */
    private final class ContextCell extends ListCell<ContextRow> {
        @Override
        protected void updateItem(ContextRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(row.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            HBox head = new HBox(8, name);
            if (row.current()) {
                Label current = new Label(messages.get("cluster.context.current"));
                current.getStyleClass().addAll("context-current", Styles.TEXT_SMALL);
                head.getChildren().add(current);
            }
            Label status;
            if (row.status().isEmpty()) {
                ProgressIndicator spinner = new ProgressIndicator();
                spinner.setPrefSize(14, 14);
                status = new Label(messages.get("cluster.probing"), spinner);
            } else {
                ContextStatus s = row.status().get();
                status = new Label(s.sentence(), (s.works() ? AppIcon.HEALTHY : AppIcon.UNHEALTHY).node());
                status.getStyleClass().add(s.works() ? "context-works" : "context-fails");
            }
            status.setWrapText(true);
            // A cell's graphic wraps only within a width it is given: the list's, less its padding and scroll bar.
            status.prefWidthProperty().bind(getListView().widthProperty().subtract(40));
            status.setMinHeight(Region.USE_PREF_SIZE);
            setGraphic(new VBox(3, head, status));
            setText(null);
        }
    }

    private Node namespacesStep() {
        Label hint = new Label(messages.get("cluster.namespaces.hint"));
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);

        VBox checks = new VBox(6);
        checks.setId("cluster-namespaces");
        Runnable rebuild = () -> {
            checks.getChildren().clear();
            for (String namespace : model.namespaces()) {
                CheckBox box = new CheckBox(namespace);
                box.setSelected(model.chosenNamespaces().contains(namespace));
                box.selectedProperty().addListener((obs, was, now) -> {
                    if (now) {
                        model.chosenNamespaces().add(namespace);
                    } else {
                        model.chosenNamespaces().remove(namespace);
                    }
                });
                checks.getChildren().add(box);
            }
        };
        model.namespaces().addListener((ListChangeListener<String>) change -> rebuild.run());
        model.chosenNamespaces().addListener((javafx.collections.SetChangeListener<String>) change ->
                checks.getChildren()
                        .forEach(node -> ((CheckBox) node)
                                .setSelected(model.chosenNamespaces().contains(((CheckBox) node).getText()))));
        ScrollPane scroll = new ScrollPane(checks);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(180);
        var listed = model.typeNamespacesBecauseProperty().isEmpty();
        scroll.visibleProperty().bind(listed);
        scroll.managedProperty().bind(listed);

        Label because = new Label();
        because.setWrapText(true);
        because.getStyleClass().add(Styles.WARNING);
        because.textProperty().bind(model.typeNamespacesBecauseProperty());
        TextField typed = new TextField();
        typed.setId("cluster-namespaces-typed");
        typed.setPromptText("team-a, team-b");
        typed.textProperty().bindBidirectional(model.typedNamespacesProperty());
        VBox typedBox = new VBox(6, because, new Label(messages.get("cluster.namespaces.typed")), typed);
        typedBox.visibleProperty().bind(listed.not());
        typedBox.managedProperty().bind(listed.not());

        TextField mesh = new TextField();
        mesh.setId("cluster-mesh-namespace");
        mesh.textProperty().bindBidirectional(model.meshNamespaceProperty());
        mesh.setMaxWidth(260);
        return new VBox(10, hint, scroll, typedBox, new Label(messages.get("cluster.namespaces.mesh")), mesh);
    }

    private Node installedStep() {
        VBox box = new VBox(14);
        box.setId("cluster-installed");
        model.installationProperty().addListener((obs, old, now) -> {
            box.getChildren().clear();
            if (now != null) {
                box.getChildren().addAll(component(now.kongIngressController()), component(now.mesh()));
                Label meshes = new Label(
                        now.meshes().isEmpty()
                                ? messages.get("cluster.installed.no_meshes")
                                : messages.get("cluster.installed.meshes", String.join(", ", now.meshes())));
                meshes.getStyleClass().add(Styles.TEXT_MUTED);
                box.getChildren().add(meshes);
                if (!now.kongGateways().isEmpty()) {
                    box.getChildren().add(routesChoice(now.kongGateways()));
                }
            }
        });
        return box;
    }

    /** Ingresses or HTTPRoutes for new routes, offered when the Gateway API has Kong Gateways. */
    private Node routesChoice(List<String> gateways) {
        ComboBox<String> choice = new ComboBox<>();
        choice.setId("cluster-routes-as");
        choice.getItems().add("");
        choice.getItems().addAll(gateways);
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String gateway) {
                return gateway == null || gateway.isEmpty()
                        ? messages.get("cluster.routes.ingress")
                        : messages.get("cluster.routes.http_route", gateway);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        choice.valueProperty().bindBidirectional(model.routesGatewayProperty());
        Label label = new Label(messages.get("cluster.routes.label"));
        label.setLabelFor(choice);
        Label hint = new Label(messages.get("cluster.routes.hint"));
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        return new VBox(6, label, choice, hint);
    }

    private Node component(Installation.Component part) {
        Label title = new Label(part.product(), (part.present() ? AppIcon.HEALTHY : AppIcon.ABSENT).node());
        title.getStyleClass().addAll(Styles.TEXT_BOLD, part.present() ? "installed-present" : "installed-absent");
        Label state = new Label(
                part.present()
                        ? messages.get(
                                "cluster.installed.present",
                                part.version()
                                        .map(v -> messages.get("cluster.installed.version", v))
                                        .orElse(""))
                        : messages.get("cluster.installed.absent"));
        state.getStyleClass().add(Styles.TEXT_MUTED);
        VBox card = new VBox(4, new HBox(10, title, state));
        for (String line : part.found()) {
            Label found = new Label("\u2022 " + line);
            found.setPadding(new Insets(0, 0, 0, 22));
            card.getChildren().add(found);
        }
        part.problem().ifPresent(problem -> {
            Label warning = new Label(problem);
            warning.getStyleClass().add(Styles.WARNING);
            warning.setWrapText(true);
            card.getChildren().add(warning);
        });
        card.getStyleClass().add("installed-card");
        return card;
    }

    private Node saveStep() {
        TextField name = new TextField();
        name.setId("cluster-name");
        name.textProperty().bindBidirectional(model.nameProperty());
        name.setMaxWidth(360);
        Label summary = new Label();
        summary.setWrapText(true);
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            try {
                                return messages.get(
                                        "cluster.save.summary",
                                        model.contextProperty().get(),
                                        String.join(", ", model.effectiveNamespaces()),
                                        model.meshNamespaceProperty().get());
                            } catch (IllegalArgumentException e) {
                                return e.getMessage();
                            }
                        },
                        model.stepProperty(),
                        model.contextProperty(),
                        model.meshNamespaceProperty()));
        return new VBox(8, new Label(messages.get("cluster.name")), name, summary);
    }

    private Node buttons() {
        Label error = new Label();
        error.setId("cluster-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(model.errorProperty().isNotEmpty());

        Button cancel = new Button(messages.get("cluster.cancel"));
        cancel.setId("cluster-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onClose.run());
        Button back = new Button(messages.get("cluster.back"));
        back.setId("cluster-back");
        back.disableProperty().bind(model.stepProperty().isEqualTo(Step.KUBECONFIG));
        back.setOnAction(e -> model.back());
        Button next = new Button();
        next.setId("cluster-next");
        next.getStyleClass().add(Styles.ACCENT);
        next.setDefaultButton(true);
        next.textProperty()
                .bind(Bindings.when(model.stepProperty().isEqualTo(Step.SAVE))
                        .then(messages.get("cluster.save"))
                        .otherwise(messages.get("cluster.next")));
        next.disableProperty().bind(model.busyProperty());
        next.setOnAction(e -> model.next());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.busyProperty());
        HBox row = new HBox(8, cancel, spacer(), spinner, back, next);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(10, error, row);
    }

    private static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    private Optional<File> showOpenDialog(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.get("cluster.source.file"));
        return Optional.ofNullable(chooser.showOpenDialog(owner));
    }
}
