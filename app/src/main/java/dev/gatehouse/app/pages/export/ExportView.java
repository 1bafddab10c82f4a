package dev.gatehouse.app.pages.export;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.EmptyStateView;
import dev.gatehouse.app.page.PageView;
import dev.gatehouse.app.policyeditor.YamlArea;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * The Export page: drift against the last file on top, then two tabs. Export: scope, format and the Kubernetes
 * options, a clearly labelled switch that keeps secrets (with a warning while it is on), Export, Copy and Save…, and
 * below them the YAML, read-only and highlighted. Import and apply: a file's plan as a tree, applied with progress.
 */
public final class ExportView extends PageView {

    static final String OPTIONS = "export-options";
    static final String SECRETS_WARNING = "export-secrets-warning";

    private final Content content;

    public ExportView(ExportViewModel model, Messages messages) {
        this(model, messages, new Content(model, messages));
    }

    private ExportView(ExportViewModel model, Messages messages, Content content) {
        super(model, content);
        this.content = content;
    }

    /** Replaces the save dialog (tests answer it without a native window): the owner window in, a file or none out. */
    public void setSaveChooser(Function<Window, Optional<Path>> chooser) {
        content.saveChooser = chooser;
    }

    /** Replaces the import tab's open dialog, as {@link #setSaveChooser} does the save dialog. */
    public void setOpenChooser(Function<Window, Optional<Path>> chooser) {
        content.importView.setOpenChooser(chooser);
    }

    private static final class Content extends StackPane {

        private final ExportViewModel model;
        private final Messages messages;
        private final ImportView importView;
        private Function<Window, Optional<Path>> saveChooser;

        Content(ExportViewModel model, Messages messages) {
            this.model = model;
            this.messages = messages;
            this.saveChooser = this::showSaveDialog;
            this.importView = new ImportView(model.importer(), messages);

            VBox exportTab =
                    new VBox(10, options(), kubernetesOptions(), secretsWarning(), actions(), notices(), preview());
            exportTab.setPadding(new Insets(10, 0, 0, 0));
            importView.setPadding(new Insets(10, 0, 0, 0));
            Tab export = new Tab(messages.get("export.tab.export"), exportTab);
            export.setId("export-tab-export");
            Tab imports = new Tab(messages.get("export.tab.import"), importView);
            imports.setId("export-tab-import");
            TabPane tabs = new TabPane(export, imports);
            tabs.setId("export-tabs");
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            VBox.setVgrow(tabs, Priority.ALWAYS);
            DriftBar drift = new DriftBar(model.drift(), messages, last -> {
                tabs.getSelectionModel().select(imports);
                model.importer().review(last);
            });
            VBox main = new VBox(10, drift, tabs);
            main.visibleProperty().bind(model.requirementMetBinding());
            EmptyStateView empty = new EmptyStateView(model, messages);
            empty.visibleProperty().bind(model.requirementMetBinding().not());
            getChildren().addAll(main, empty);
        }

        private Node options() {
            ComboBox<ExportScope> scope = new ComboBox<>();
            scope.setId("export-scope");
            scope.getItems().setAll(ExportScope.values());
            scope.valueProperty().bindBidirectional(model.scopeProperty());
            scope.setButtonCell(cell(ExportScope::messageKey));
            scope.setCellFactory(list -> cell(ExportScope::messageKey));

            ComboBox<ExportFormat> format = new ComboBox<>();
            format.getItems().setAll(model.formats());
            format.setId("export-format");
            format.setValue(model.formatProperty().get());
            format.valueProperty().addListener((obs, old, now) -> {
                if (now != null) {
                    model.formatProperty().set(now);
                }
            });
            model.formatProperty().addListener((obs, old, now) -> format.setValue(now));
            // Replacing the items clears the box's value, even when the chosen format is still offered: the box
            // has its own copy of the list, and gets the chosen format back once it holds the new one.
            model.formats().addListener((javafx.collections.ListChangeListener<ExportFormat>) change -> {
                format.getItems().setAll(model.formats());
                format.setValue(model.formatProperty().get());
            });
            format.setButtonCell(cell(ExportFormat::messageKey));
            format.setCellFactory(list -> cell(ExportFormat::messageKey));

            ToggleSwitch dataplanes = new ToggleSwitch(messages.get("export.dataplanes"));
            dataplanes.setId("export-dataplanes");
            dataplanes.selectedProperty().bindBidirectional(model.includeDataplanesProperty());
            var kuma = model.formatProperty().isEqualTo(ExportFormat.KUMA);
            dataplanes.visibleProperty().bind(kuma);
            dataplanes.managedProperty().bind(kuma);

            ToggleSwitch defaults = new ToggleSwitch(messages.get("export.defaults"));
            defaults.setId("export-defaults");
            defaults.selectedProperty().bindBidirectional(model.includeDefaultsProperty());
            var deck = model.formatProperty().isEqualTo(ExportFormat.DECK);
            defaults.visibleProperty().bind(deck);
            defaults.managedProperty().bind(deck);

            ToggleSwitch secrets = new ToggleSwitch(messages.get("export.secrets"));
            secrets.setId("export-secrets");
            secrets.selectedProperty().bindBidirectional(model.includeSecretsProperty());

            HBox row = new HBox(
                    10,
                    label("export.scope", scope),
                    scope,
                    gap(8),
                    label("export.format", format),
                    format,
                    gap(8),
                    dataplanes,
                    defaults,
                    secrets);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add(OPTIONS);
            return row;
        }

        private Node kubernetesOptions() {
            ToggleSwitch gatewayApi = new ToggleSwitch(messages.get("export.kubernetes.gateway_api"));
            gatewayApi.setId("export-gateway-api");
            gatewayApi.selectedProperty().bindBidirectional(model.gatewayApiProperty());
            TextField namespace = new TextField();
            namespace.setId("export-namespace");
            namespace.setPrefColumnCount(12);
            namespace.textProperty().bindBidirectional(model.namespaceProperty());
            TextField meshNamespace = new TextField();
            meshNamespace.setId("export-mesh-namespace");
            meshNamespace.setPrefColumnCount(12);
            meshNamespace.textProperty().bindBidirectional(model.meshNamespaceProperty());
            HBox row = new HBox(
                    10,
                    gatewayApi,
                    gap(8),
                    label("export.kubernetes.namespace", namespace),
                    namespace,
                    label("export.kubernetes.mesh_namespace", meshNamespace),
                    meshNamespace);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add(OPTIONS);
            var kubernetes = model.formatProperty().isEqualTo(ExportFormat.KUBERNETES);
            row.visibleProperty().bind(kubernetes);
            row.managedProperty().bind(kubernetes);
            gatewayApi.disableProperty().bind(model.scopeProperty().isEqualTo(ExportScope.MESH));
            namespace.disableProperty().bind(model.scopeProperty().isEqualTo(ExportScope.MESH));
            meshNamespace.disableProperty().bind(model.scopeProperty().isEqualTo(ExportScope.GATEWAY));
            return row;
        }

        private Node secretsWarning() {
            Label warning = new Label(messages.get("export.secrets.warning"));
            warning.setId("export-secrets-warning");
            warning.getStyleClass().add(SECRETS_WARNING);
            warning.setWrapText(true);
            warning.setMaxWidth(Double.MAX_VALUE);
            warning.visibleProperty().bind(model.includeSecretsProperty());
            warning.managedProperty().bind(model.includeSecretsProperty());
            return warning;
        }

        private Node actions() {
            Button export = new Button(messages.get("export.run"));
            export.setId("export-run");
            export.getStyleClass().add(Styles.ACCENT);
            export.setDefaultButton(true);
            export.disableProperty().bind(model.busyProperty());
            export.setOnAction(e -> model.export());
            Button copy = new Button(messages.get("export.copy"));
            copy.setId("export-copy");
            copy.disableProperty().bind(model.yamlProperty().isEmpty());
            copy.setOnAction(e -> {
                ClipboardContent clip = new ClipboardContent();
                clip.putString(model.yamlProperty().get());
                Clipboard.getSystemClipboard().setContent(clip);
                model.copied();
            });
            Button save = new Button(messages.get("export.save"));
            save.setId("export-save");
            save.disableProperty().bind(model.yamlProperty().isEmpty());
            save.setOnAction(e -> saveChooser.apply(getScene().getWindow()).ifPresent(model::save));
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setPrefSize(18, 18);
            spinner.visibleProperty().bind(model.busyProperty());
            HBox row = new HBox(8, export, copy, save, spinner);
            row.setAlignment(Pos.CENTER_LEFT);
            return row;
        }

        private Node notices() {
            return new VBox(
                    4,
                    Notice.of("export-error", Styles.DANGER, model.errorProperty()),
                    Notice.of("export-status", Styles.TEXT_MUTED, model.statusProperty()));
        }

        private Node preview() {
            YamlArea area = new YamlArea();
            area.setId("export-preview");
            area.setEditable(false);
            model.yamlProperty().addListener((obs, old, now) -> {
                area.replaceText(now);
                area.moveTo(0);
                area.requestFollowCaret();
            });
            VirtualizedScrollPane<YamlArea> scroll = new VirtualizedScrollPane<>(area);
            Label placeholder = new Label();
            placeholder.getStyleClass().add(Styles.TEXT_MUTED);
            placeholder.setWrapText(true);
            placeholder
                    .textProperty()
                    .bind(Bindings.when(model.busyProperty())
                            .then(messages.get("export.preview.busy"))
                            .otherwise(messages.get("export.preview.empty")));
            placeholder.visibleProperty().bind(model.yamlProperty().isEmpty());
            placeholder.setMouseTransparent(true);
            StackPane stack = new StackPane(scroll, placeholder);
            VBox.setVgrow(stack, Priority.ALWAYS);
            return stack;
        }

        private Label label(String key, Node target) {
            Label label = new Label(messages.get(key));
            label.setLabelFor(target);
            label.setMinWidth(Region.USE_PREF_SIZE);
            return label;
        }

        private static Region gap(double width) {
            Region gap = new Region();
            gap.setMinWidth(width);
            return gap;
        }

        private <T> ListCell<T> cell(Function<T, String> key) {
            return new ListCell<>() {
                @Override
                protected void updateItem(T item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : messages.get(key.apply(item)));
                }
            };
        }

        private Optional<Path> showSaveDialog(Window owner) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(messages.get("export.save.title"));
            chooser.setInitialFileName(
                    switch (model.formatProperty().get()) {
                        case DECK -> "kong.yaml";
                        case KUMA -> "kuma.yaml";
                        case KUBERNETES -> "manifests.yaml";
                    });
            File file = chooser.showSaveDialog(owner);
            return Optional.ofNullable(file).map(File::toPath);
        }
    }
}
