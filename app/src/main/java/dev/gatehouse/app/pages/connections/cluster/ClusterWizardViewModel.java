package dev.gatehouse.app.pages.connections.cluster;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ClusterSettings;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionManager;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kubernetes.cluster.ClusterDiscovery;
import dev.gatehouse.app.kubernetes.cluster.ContextStatus;
import dev.gatehouse.app.kubernetes.cluster.Installation;
import dev.gatehouse.app.kubernetes.cluster.Kubeconfig;
import dev.gatehouse.app.kubernetes.cluster.Namespaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The connect-to-cluster wizard: a kubeconfig (found, picked or pasted), its contexts each probed for the exact
 * reason it works or not, the namespaces (listed, or typed when the user may not list them), what is installed, and
 * a name to save the connection under. Each step's work runs in the background; going back or choosing again drops
 * answers still on their way.
 */
public final class ClusterWizardViewModel {

    /** The wizard's steps, in order. */
    public enum Step {
        KUBECONFIG,
        CONTEXTS,
        NAMESPACES,
        INSTALLED,
        SAVE
    }

    /** Where the kubeconfig comes from. */
    public enum Source {
        FOUND,
        FILE,
        PASTED
    }

    /** A context and, once probed, its status. */
    public record ContextRow(String name, boolean current, Optional<ContextStatus> status) {}

    private static final String LOAD = "kubeconfig";
    private static final String PROBE = "probe";
    private static final String NAMESPACES = "namespaces";
    private static final String SCAN = "installation";
    private static final String SAVE = "save";

    private final Messages messages;
    private final ClusterDiscovery discovery;
    private final ConnectionManager connections;
    private final UiTasks tasks;
    private final Executor background;

    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(this, "step", Step.KUBECONFIG);
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source", Source.FOUND);
    private final StringProperty found = new SimpleStringProperty(this, "found", "");
    private final StringProperty file = new SimpleStringProperty(this, "file", "");
    private final StringProperty pasted = new SimpleStringProperty(this, "pasted", "");
    private final ObjectProperty<Kubeconfig> kubeconfig = new SimpleObjectProperty<>(this, "kubeconfig");
    private final ObservableList<ContextRow> contexts = FXCollections.observableArrayList();
    private final StringProperty context = new SimpleStringProperty(this, "context");
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private final ObservableSet<String> chosenNamespaces = FXCollections.observableSet();
    private final StringProperty typedNamespaces = new SimpleStringProperty(this, "typedNamespaces", "");
    private final StringProperty typeNamespacesBecause = new SimpleStringProperty(this, "typeNamespacesBecause", "");
    private final StringProperty meshNamespace = new SimpleStringProperty(this, "meshNamespace", "kuma-system");
    private final ObjectProperty<Installation> installation = new SimpleObjectProperty<>(this, "installation");
    /** The Gateway new routes are written for as HTTPRoutes ({@code namespace/name}); empty: as Ingresses. */
    private final StringProperty routesGateway = new SimpleStringProperty(this, "routesGateway", "");

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final BooleanProperty saved = new SimpleBooleanProperty(this, "saved");
    private Optional<Kubeconfig> discovered = Optional.empty();

    public ClusterWizardViewModel(
            Messages messages,
            ClusterDiscovery discovery,
            ConnectionManager connections,
            UiExecutor ui,
            Executor background) {
        this.messages = messages;
        this.discovery = discovery;
        this.connections = connections;
        this.tasks = new UiTasks(ui);
        this.background = background;
        source.addListener((obs, old, now) -> error.set(""));
    }

    public ObjectProperty<Step> stepProperty() {
        return step;
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    /** What discovery found ("KUBECONFIG: a, b", "~/.kube/config"), or that it found nothing. */
    public StringProperty foundProperty() {
        return found;
    }

    public StringProperty fileProperty() {
        return file;
    }

    public StringProperty pastedProperty() {
        return pasted;
    }

    public ObservableList<ContextRow> contexts() {
        return contexts;
    }

    /** The context chosen; the current context preselected. */
    public StringProperty contextProperty() {
        return context;
    }

    public ObservableList<String> namespaces() {
        return namespaces;
    }

    public ObservableSet<String> chosenNamespaces() {
        return chosenNamespaces;
    }

    /** Namespaces typed by a user who may not list them. */
    public StringProperty typedNamespacesProperty() {
        return typedNamespaces;
    }

    /** Why the user must type the namespaces; empty when they were listed. */
    public StringProperty typeNamespacesBecauseProperty() {
        return typeNamespacesBecause;
    }

    public StringProperty meshNamespaceProperty() {
        return meshNamespace;
    }

    public ObjectProperty<Installation> installationProperty() {
        return installation;
    }

    /**
     * Where new routes go: empty for Ingresses of class kong, else the Kong Gateway ({@code namespace/name}) they are
     * written for as HTTPRoutes; the first Kong Gateway found when there is one, since KIC's guides lead with the
     * Gateway API where it is installed.
     */
    public StringProperty routesGatewayProperty() {
        return routesGateway;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Why the step cannot go on, as a sentence; empty otherwise. */
    public StringProperty errorProperty() {
        return error;
    }

    /** True once the connection is saved (the dialog closes). */
    public BooleanProperty savedProperty() {
        return saved;
    }

    /** Command: looks for the kubeconfig kubectl would use (the first step opens on it). */
    public CompletableFuture<Void> start() {
        busy.set(true);
        return tasks.run(
                LOAD,
                () -> CompletableFuture.supplyAsync(discovery::discover, background),
                result -> {
                    busy.set(false);
                    discovered = result;
                    found.set(result.map(k -> messages.get(
                                    "cluster.found", k.origin(), k.contexts().size()))
                            .orElseGet(() -> messages.get("cluster.found.none", discovery.whereDiscoveryLooks())));
                    if (result.isEmpty()) {
                        source.set(Source.FILE);
                    }
                },
                failure -> {
                    busy.set(false);
                    found.set(messages.get("cluster.found.broken", sentence(failure)));
                    source.set(Source.FILE);
                });
    }

    /** Command: the next step, once this one's input holds; its work starts in the background. */
    public CompletableFuture<Void> next() {
        error.set("");
        return switch (step.get()) {
            case KUBECONFIG -> loadKubeconfig();
            case CONTEXTS -> chooseContext();
            case NAMESPACES -> chooseNamespaces();
            case INSTALLED -> {
                step.set(Step.SAVE);
                if (name.get().isBlank()) {
                    name.set(context.get());
                }
                yield CompletableFuture.completedFuture(null);
            }
            case SAVE -> save();
        };
    }

    /** Command: the step before; answers for this one still on their way are dropped. */
    public void back() {
        tasks.dropPending();
        busy.set(false);
        error.set("");
        Step now = step.get();
        if (now.ordinal() > 0) {
            step.set(Step.values()[now.ordinal() - 1]);
        }
    }

    /** Command: probes every context again (after fixing a kubeconfig or signing in). */
    public CompletableFuture<Void> probeAgain() {
        return probeAll(kubeconfig.get());
    }

    private CompletableFuture<Void> loadKubeconfig() {
        Supplier<Kubeconfig> load;
        switch (source.get()) {
            case FOUND -> {
                if (discovered.isEmpty()) {
                    error.set(messages.get("cluster.found.none", discovery.whereDiscoveryLooks()));
                    return CompletableFuture.completedFuture(null);
                }
                Kubeconfig chosen = discovered.get();
                load = () -> chosen;
            }
            case FILE -> {
                if (file.get().isBlank()) {
                    error.set(messages.get("cluster.file.missing"));
                    return CompletableFuture.completedFuture(null);
                }
                Path path = Path.of(file.get().strip());
                load = () -> discovery.file(path);
            }
            case PASTED -> {
                if (pasted.get().isBlank()) {
                    error.set(messages.get("cluster.pasted.missing"));
                    return CompletableFuture.completedFuture(null);
                }
                String text = pasted.get();
                load = () -> discovery.pasted(text);
            }
            default -> throw new IllegalStateException();
        }
        busy.set(true);
        return tasks.run(
                LOAD,
                () -> CompletableFuture.supplyAsync(load, background),
                loaded -> {
                    busy.set(false);
                    if (loaded.contexts().isEmpty()) {
                        error.set(messages.get("cluster.contexts.none"));
                        return;
                    }
                    kubeconfig.set(loaded);
                    context.set(loaded.currentContext()
                            .filter(loaded.contexts()::contains)
                            .orElse(loaded.contexts().getFirst()));
                    step.set(Step.CONTEXTS);
                    probeAll(loaded);
                },
                failure -> {
                    busy.set(false);
                    error.set(sentence(failure));
                });
    }

    /** Probes every context at once; a row shows its status as soon as its probe ends. */
    private CompletableFuture<Void> probeAll(Kubeconfig config) {
        List<ContextRow> rows = new ArrayList<>();
        for (String each : config.contexts()) {
            rows.add(new ContextRow(
                    each, config.currentContext().filter(each::equals).isPresent(), Optional.empty()));
        }
        contexts.setAll(rows);
        List<CompletableFuture<Void>> probes = new ArrayList<>();
        for (String each : config.contexts()) {
            probes.add(tasks.run(
                    PROBE + ":" + each,
                    () -> CompletableFuture.supplyAsync(() -> discovery.probe(config, each), background),
                    status -> replaceRow(each, Optional.of(status)),
                    failure -> replaceRow(
                            each,
                            Optional.of(new ContextStatus(
                                    each,
                                    "",
                                    ContextStatus.Outcome.FAILED,
                                    sentence(failure),
                                    Optional.empty(),
                                    Optional.empty())))));
        }
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new));
    }

    private void replaceRow(String contextName, Optional<ContextStatus> status) {
        for (int i = 0; i < contexts.size(); i++) {
            ContextRow row = contexts.get(i);
            if (row.name().equals(contextName)) {
                contexts.set(i, new ContextRow(row.name(), row.current(), status));
            }
        }
    }

    private CompletableFuture<Void> chooseContext() {
        String chosen = context.get();
        Optional<ContextRow> row =
                contexts.stream().filter(r -> r.name().equals(chosen)).findFirst();
        if (row.isEmpty()) {
            error.set(messages.get("cluster.context.choose"));
            return CompletableFuture.completedFuture(null);
        }
        if (row.get().status().isEmpty()) {
            error.set(messages.get("cluster.context.probing", chosen));
            return CompletableFuture.completedFuture(null);
        }
        if (!row.get().status().get().works()) {
            error.set(messages.get(
                    "cluster.context.failed", chosen, row.get().status().get().sentence()));
            return CompletableFuture.completedFuture(null);
        }
        Kubeconfig config = kubeconfig.get();
        busy.set(true);
        return tasks.run(
                NAMESPACES,
                () -> CompletableFuture.supplyAsync(() -> discovery.namespaces(config, chosen), background),
                listing -> {
                    busy.set(false);
                    namespaces.setAll(listing.names());
                    chosenNamespaces.retainAll(listing.names());
                    if (chosenNamespaces.isEmpty()) {
                        config.defaultNamespace(chosen)
                                .filter(listing.names()::contains)
                                .ifPresent(chosenNamespaces::add);
                    }
                    typeNamespacesBecause.set(listing.typeThemBecause().orElse(""));
                    step.set(Step.NAMESPACES);
                },
                failure -> {
                    busy.set(false);
                    error.set(sentence(failure));
                });
    }

    /** The namespaces the connection will use: those ticked, or those typed when listing was not allowed. */
    public List<String> effectiveNamespaces() {
        if (!typeNamespacesBecause.get().isEmpty()) {
            return Namespaces.parse(typedNamespaces.get());
        }
        return namespaces.stream().filter(chosenNamespaces::contains).toList();
    }

    private CompletableFuture<Void> chooseNamespaces() {
        List<String> chosen;
        try {
            chosen = effectiveNamespaces();
            Namespaces.parse(meshNamespace.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        if (chosen.isEmpty()) {
            error.set(messages.get("cluster.namespaces.none"));
            return CompletableFuture.completedFuture(null);
        }
        Kubeconfig config = kubeconfig.get();
        String chosenContext = context.get();
        busy.set(true);
        return tasks.run(
                SCAN,
                () -> CompletableFuture.supplyAsync(
                        () -> discovery.installation(config, chosenContext, chosen), background),
                found -> {
                    busy.set(false);
                    routesGateway.set(
                            found.kongGateways().isEmpty()
                                    ? ""
                                    : found.kongGateways().getFirst());
                    installation.set(found);
                    step.set(Step.INSTALLED);
                },
                failure -> {
                    busy.set(false);
                    error.set(sentence(failure));
                });
    }

    private CompletableFuture<Void> save() {
        String profileName = name.get().strip();
        if (profileName.isEmpty()) {
            error.set(messages.get("cluster.name.missing"));
            return CompletableFuture.completedFuture(null);
        }
        Kubeconfig config = kubeconfig.get();
        ClusterSettings settings = new ClusterSettings(
                config.files(),
                context.get(),
                effectiveNamespaces(),
                meshNamespace.get().strip(),
                Optional.of(routesGateway.get()));
        ConnectionProfile profile = new ConnectionProfile(
                ConnectionManager.newId(),
                profileName,
                ConnectionKind.KUBERNETES,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(settings));
        Optional<String> secret = settings.pasted() ? Optional.of(pasted.get()) : Optional.empty();
        busy.set(true);
        return tasks.run(
                SAVE,
                () -> connections.saveCluster(profile, secret),
                done -> {
                    busy.set(false);
                    saved.set(true);
                },
                failure -> {
                    busy.set(false);
                    error.set(messages.get("cluster.save.failed", sentence(failure)));
                });
    }

    private static String sentence(Throwable failure) {
        Throwable e = UiTasks.unwrap(failure);
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
