package dev.gatehouse.app.pages.export;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.declarative.deck.DeckExporter;
import dev.gatehouse.app.declarative.deck.ExportOptions;
import dev.gatehouse.app.declarative.kubernetes.KubernetesExporter;
import dev.gatehouse.app.declarative.kubernetes.KubernetesOptions;
import dev.gatehouse.app.declarative.kuma.KumaExportOptions;
import dev.gatehouse.app.declarative.kuma.KumaExporter;
import dev.gatehouse.app.declarative.sync.FileTarget;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.files.OwnerOnlyFileWriter;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Export page: the active connection's gateway and/or mesh as a decK file, Kuma YAML or Kubernetes manifests.
 * The exporters run in the background through the connection's repositories (embedded and remote alike); an
 * answer that arrives after the options or the connection changed is dropped. Secrets stay redacted unless the
 * user asks for them.
 */
public final class ExportViewModel extends PageViewModel {

    private static final String EXPORT = "export";
    private static final String SAVE = "save";

    private final UiTasks tasks;
    private final Executor background;
    private final LastFiles lastFiles;
    private final Clock clock;
    private final ImportViewModel importer;
    private final DriftViewModel drift;
    private final ObjectProperty<ExportScope> scope = new SimpleObjectProperty<>(this, "scope", ExportScope.GATEWAY);
    private final ObjectProperty<ExportFormat> format = new SimpleObjectProperty<>(this, "format", ExportFormat.DECK);
    private final ObservableList<ExportFormat> formats = FXCollections.observableArrayList();
    private final BooleanProperty includeSecrets = new SimpleBooleanProperty(this, "includeSecrets", false);
    private final BooleanProperty gatewayApi = new SimpleBooleanProperty(this, "gatewayApi", false);
    private final BooleanProperty includeDataplanes = new SimpleBooleanProperty(this, "includeDataplanes", false);
    private final BooleanProperty includeDefaults = new SimpleBooleanProperty(this, "includeDefaults", false);
    private final StringProperty namespace =
            new SimpleStringProperty(this, "namespace", KubernetesOptions.DEFAULT_NAMESPACE);
    private final StringProperty meshNamespace =
            new SimpleStringProperty(this, "meshNamespace", KubernetesOptions.DEFAULT_MESH_NAMESPACE);
    private final StringProperty yaml = new SimpleStringProperty(this, "yaml", "");
    private final BooleanProperty previewHoldsSecrets = new SimpleBooleanProperty(this, "previewHoldsSecrets");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");

    public ExportViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            UiExecutor ui,
            Executor background,
            DialogService dialogs,
            LastFiles lastFiles,
            Clock clock) {
        super(ExportPage.DESCRIPTOR, messages, connection, navigator);
        this.tasks = new UiTasks(ui);
        this.background = background;
        this.lastFiles = lastFiles;
        this.clock = clock;
        this.drift = new DriftViewModel(messages, connection, ui, background, lastFiles, clock.getZone());
        this.importer =
                new ImportViewModel(messages, connection, ui, background, dialogs, lastFiles, clock, drift::check);
        formats.setAll(formatsFor(scope.get()));
        scope.addListener((obs, old, now) -> {
            formats.setAll(formatsFor(now));
            if (!format.get().allows(now)) {
                format.set(formats.getFirst());
            }
        });
        ChangeListener<Object> optionsChanged = (obs, old, now) -> optionsChanged();
        scope.addListener(optionsChanged);
        format.addListener(optionsChanged);
        includeSecrets.addListener(optionsChanged);
        gatewayApi.addListener(optionsChanged);
        includeDataplanes.addListener(optionsChanged);
        includeDefaults.addListener(optionsChanged);
        namespace.addListener(optionsChanged);
        meshNamespace.addListener(optionsChanged);
        connection.apisProperty().addListener((obs, old, now) -> {
            tasks.dropPending();
            busy.set(false);
            clearPreview();
            error.set("");
            fitScope(now);
        });
        fitScope(connection.apis());
    }

    /** A connection with only a mesh starts on the mesh, one with only a gateway on the gateway. */
    private void fitScope(ConnectedApis apis) {
        if (apis == null) {
            return;
        }
        ExportScope now = scope.get();
        if (now.gateway() && apis.gateway().isEmpty() && apis.mesh().isPresent()) {
            scope.set(ExportScope.MESH);
        } else if (now.mesh() && apis.mesh().isEmpty() && apis.gateway().isPresent()) {
            scope.set(ExportScope.GATEWAY);
        }
    }

    /** The import half: a file opened, planned and applied. */
    public ImportViewModel importer() {
        return importer;
    }

    /** Whether the live runtimes still match the last file saved or applied on this connection. */
    public DriftViewModel drift() {
        return drift;
    }

    @Override
    public void activated() {
        drift.check();
    }

    @Override
    public void follow(Capability runtime) {
        drift.refresh();
    }

    /** The formats that can hold {@code scope}: decK the gateway, Kuma the mesh, Kubernetes any. */
    public static List<ExportFormat> formatsFor(ExportScope scope) {
        return Arrays.stream(ExportFormat.values()).filter(f -> f.allows(scope)).toList();
    }

    public ObjectProperty<ExportScope> scopeProperty() {
        return scope;
    }

    public ObjectProperty<ExportFormat> formatProperty() {
        return format;
    }

    /** The formats offered for the current scope. */
    public ObservableList<ExportFormat> formats() {
        return formats;
    }

    public BooleanProperty includeSecretsProperty() {
        return includeSecrets;
    }

    public BooleanProperty gatewayApiProperty() {
        return gatewayApi;
    }

    /** A decK file with the fields at their schema default too (left out by default, as with --skip-defaults). */
    public BooleanProperty includeDefaultsProperty() {
        return includeDefaults;
    }

    /** Kuma YAML with the data planes too (kumactl leaves them out unless asked, as the export does by default). */
    public BooleanProperty includeDataplanesProperty() {
        return includeDataplanes;
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public StringProperty meshNamespaceProperty() {
        return meshNamespace;
    }

    /** The exported YAML shown in the preview; empty until an export succeeded. */
    public StringProperty yamlProperty() {
        return yaml;
    }

    /** True when the preview was exported with secrets kept. */
    public BooleanProperty previewHoldsSecretsProperty() {
        return previewHoldsSecrets;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Why the last export or save failed, as a sentence; empty otherwise. */
    public StringProperty errorProperty() {
        return error;
    }

    /** What the last save did ("Saved to …"); empty otherwise. */
    public StringProperty statusProperty() {
        return status;
    }

    @Override
    public List<StringProperty> notices() {
        return List.of(status, importer.statusProperty());
    }

    /** Command: export with the current options; the answer replaces the preview unless it went stale. */
    public CompletableFuture<Void> export() {
        ExportScope chosenScope = scope.get();
        ExportFormat chosenFormat = format.get();
        boolean secrets = includeSecrets.get();
        error.set("");
        status.set("");
        ConnectedApis apis = connection().apis();
        Optional<GatewayRepository> gateway = chosenScope.gateway() ? apis.gateway() : Optional.empty();
        Optional<MeshRepository> mesh = chosenScope.mesh() ? apis.mesh() : Optional.empty();
        if (chosenScope.gateway() && gateway.isEmpty()) {
            return refuse("export.missing.gateway");
        }
        if (chosenScope.mesh() && mesh.isEmpty()) {
            return refuse("export.missing.mesh");
        }
        Supplier<String> work;
        try {
            work = switch (chosenFormat) {
                case DECK -> {
                    ExportOptions options = new ExportOptions(secrets, List.of(), includeDefaults.get());
                    yield () -> DeckExporter.export(gateway.orElseThrow(), options);
                }
                case KUMA -> {
                    KumaExportOptions options = new KumaExportOptions(secrets, includeDataplanes.get());
                    yield () -> KumaExporter.export(mesh.orElseThrow(), options);
                }
                case KUBERNETES -> {
                    KubernetesOptions options = new KubernetesOptions(
                            secrets,
                            gatewayApi.get(),
                            namespace.get().strip(),
                            meshNamespace.get().strip(),
                            KubernetesOptions.DEFAULT_GATEWAY);
                    yield () -> KubernetesExporter.export(gateway, mesh, options);
                }
            };
        } catch (IllegalArgumentException e) {
            error.set(namespaceError(namespace.get().strip(), "export.kubernetes.namespace")
                    .or(() -> namespaceError(meshNamespace.get().strip(), "export.kubernetes.mesh_namespace"))
                    .orElseGet(() -> messages().get("export.failed", e.getMessage())));
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        return tasks.run(
                EXPORT,
                () -> CompletableFuture.supplyAsync(work, background),
                text -> {
                    busy.set(false);
                    yaml.set(text);
                    previewHoldsSecrets.set(secrets);
                },
                failure -> {
                    busy.set(false);
                    clearPreview();
                    error.set(messages().get("export.failed", sentence(failure)));
                });
    }

    /** The view put the preview on the clipboard: say so. */
    public void copied() {
        error.set("");
        status.set(messages().get("export.copied"));
    }

    /** Command: writes the preview to {@code file}, readable by its owner only, and says where. */
    public CompletableFuture<Void> save(Path file) {
        String text = yaml.get();
        if (text.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        error.set("");
        status.set("");
        // A decK file or Kuma YAML saved becomes the file drift is measured against; manifests are kubectl's.
        Optional<FileTarget> target = switch (format.get()) {
            case DECK -> Optional.of(FileTarget.GATEWAY);
            case KUMA -> Optional.of(FileTarget.MESH);
            case KUBERNETES -> Optional.empty();
        };
        String connectionId = connection().profile().id();
        return tasks.run(
                SAVE,
                () -> CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                OwnerOnlyFileWriter.write(file, text.getBytes(StandardCharsets.UTF_8));
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            target.ifPresent(t -> lastFiles.write(
                                    connectionId,
                                    new LastFile(
                                            t,
                                            LastFile.How.EXPORTED,
                                            clock.instant(),
                                            file.getFileName().toString(),
                                            text)));
                            return file;
                        },
                        background),
                saved -> {
                    status.set(messages().get("export.saved", saved.toAbsolutePath()));
                    drift.check();
                },
                failure -> error.set(messages().get("export.save.failed", file, sentence(failure))));
    }

    /** The sentence for a field ({@code labelKey}) that holds no Kubernetes namespace name; empty when it does. */
    private Optional<String> namespaceError(String value, String labelKey) {
        try {
            KubernetesOptions.defaults().inNamespaces(value, KubernetesOptions.DEFAULT_MESH_NAMESPACE);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(
                    messages().get("export.namespace.invalid", messages().get(labelKey), value));
        }
    }

    private CompletableFuture<Void> refuse(String key) {
        tasks.drop(EXPORT);
        busy.set(false);
        clearPreview();
        error.set(messages().get(key, connection().profile().name()));
        return CompletableFuture.completedFuture(null);
    }

    private void optionsChanged() {
        // An export still on its way answers for the old options: drop it, and the preview it would replace.
        tasks.drop(EXPORT);
        busy.set(false);
        clearPreview();
        error.set("");
        status.set("");
    }

    private void clearPreview() {
        yaml.set("");
        previewHoldsSecrets.set(false);
    }

    private String sentence(Throwable failure) {
        return FileFailures.sentence(messages(), failure);
    }
}
