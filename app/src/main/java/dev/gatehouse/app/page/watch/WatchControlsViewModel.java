package dev.gatehouse.app.page.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.page.PageContext;
import dev.gatehouse.app.pages.entities.NaturalOrder;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.TrafficSource;
import dev.gatehouse.app.traffic.kong.KongScope;
import dev.gatehouse.app.traffic.kong.KongTrafficSource;
import dev.gatehouse.app.traffic.kuma.KumaTrafficSource;
import dev.gatehouse.app.traffic.remote.CollectorAddress;
import dev.gatehouse.app.traffic.remote.CompositeSource;
import dev.gatehouse.app.traffic.remote.ConnectionBoundSource;
import dev.gatehouse.app.traffic.remote.MachineAddress;
import dev.gatehouse.app.traffic.remote.WatchLedger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Watch live traffic" controls the Live traffic page and the graph share. For a remote connection: the scope
 * (Kong: every service, or one of the gateway's services; Kuma: one mesh; both when the connection has both), the
 * collector's address, Watch and Stop, and what the watch added or why it failed. For the embedded sandbox it only
 * says that the sandbox is watched in-process (that watch starts by itself). Works on the UI executor.
 */
public final class WatchControlsViewModel {

    /** Which controls apply. */
    public enum Mode {
        /** Not connected yet, or the connection failed. */
        NONE,
        /** The embedded sandbox: watched in-process, nothing to choose. */
        EMBEDDED,
        /** A remote gateway and/or mesh. */
        REMOTE
    }

    private final Messages messages;
    private final ActiveConnection connection;
    private final LiveTraffic traffic;
    private final WatchLedger ledger;
    private final UiTasks tasks;
    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(this, "mode", Mode.NONE);
    private final BooleanProperty gateway = new SimpleBooleanProperty(this, "gateway");
    private final BooleanProperty mesh = new SimpleBooleanProperty(this, "mesh");
    private final ObservableList<ServiceChoice> services = FXCollections.observableArrayList();
    private final ObjectProperty<ServiceChoice> service = new SimpleObjectProperty<>(this, "service");
    private final ObservableList<String> meshes = FXCollections.observableArrayList();
    private final ObjectProperty<String> meshName = new SimpleObjectProperty<>(this, "meshName");
    private final StringProperty address =
            new SimpleStringProperty(this, "address", CollectorAddress.LOOPBACK.toString());
    private final ReadOnlyStringWrapper addressError = new ReadOnlyStringWrapper(this, "addressError", "");
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final BooleanBinding watching;
    private final BooleanBinding canWatch;
    /** The address the running (or last) watch was started with: its sentence says what senders were told. */
    private CollectorAddress watchedAt;

    public WatchControlsViewModel(
            Messages messages, ActiveConnection connection, LiveTraffic traffic, WatchLedger ledger, UiExecutor ui) {
        this.messages = messages;
        this.connection = connection;
        this.traffic = traffic;
        this.ledger = ledger;
        this.tasks = new UiTasks(ui);
        this.watching = Bindings.createBooleanBinding(
                () -> mode.get() == Mode.REMOTE
                        && traffic.source() instanceof ConnectionBoundSource
                        && (traffic.state() == LiveTraffic.State.STARTING
                                || traffic.state() == LiveTraffic.State.WATCHING),
                mode,
                traffic.stateProperty());
        this.canWatch = Bindings.createBooleanBinding(
                () -> mode.get() == Mode.REMOTE
                        && !watching.get()
                        && (gateway.get() || (mesh.get() && meshName.get() != null)),
                mode,
                watching,
                gateway,
                mesh,
                meshName);
        connection.apisProperty().addListener((obs, old, now) -> connected(now));
        traffic.stateProperty().addListener((obs, old, now) -> updateStatus());
        traffic.summaryProperty().addListener((obs, old, now) -> updateStatus());
        address.addListener((obs, old, now) -> {
            addressError.set("");
            updateStatus();
        });
        connected(connection.apis());
    }

    /** The controls for a page: its connection, traffic and ledger. */
    public static WatchControlsViewModel of(PageContext context) {
        return new WatchControlsViewModel(
                context.messages(), context.connection(), context.traffic(), context.watchLedger(), context.ui());
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** True when the connection has a gateway: the Kong scope applies. */
    public BooleanProperty gatewayProperty() {
        return gateway;
    }

    /** True when the connection has a mesh: the mesh choice applies. */
    public BooleanProperty meshProperty() {
        return mesh;
    }

    /** {@link ServiceChoice#ALL} first, then the gateway's services by name. */
    public ObservableList<ServiceChoice> services() {
        return services;
    }

    public ObjectProperty<ServiceChoice> serviceProperty() {
        return service;
    }

    public ObservableList<String> meshes() {
        return meshes;
    }

    public ObjectProperty<String> meshNameProperty() {
        return meshName;
    }

    /** Where the collector listens, {@code host:port}; loopback with a free port by default. */
    public StringProperty addressProperty() {
        return address;
    }

    /** Why the address cannot be used; "" when it can. */
    public ReadOnlyStringProperty addressErrorProperty() {
        return addressError.getReadOnlyProperty();
    }

    /** Why the services or meshes could not be listed; "" otherwise. */
    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    /** One sentence: what the watch added, that it is starting, why it failed, or that the sandbox is watched. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while a remote watch started here is starting or running: Stop applies. */
    public BooleanBinding watchingBinding() {
        return watching;
    }

    public BooleanBinding canWatchBinding() {
        return canWatch;
    }

    /** A service's label in the scope choice. */
    public String label(ServiceChoice choice) {
        return choice == null
                ? ""
                : choice.isGlobal() ? messages.get("page.traffic.watch.scope.global") : choice.name();
    }

    /** Starts watching with the chosen scope and address; the future completes once it watches or failed. */
    public CompletableFuture<Void> watch() {
        ConnectedApis apis = connection.apis();
        if (!canWatch.get() || apis == null) {
            return CompletableFuture.completedFuture(null);
        }
        CollectorAddress at;
        try {
            at = CollectorAddress.parse(address.get());
        } catch (IllegalArgumentException e) {
            addressError.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        watchedAt = at;
        return traffic.watch(source(apis, at));
    }

    /** The source for the connection: Kong, Kuma, or both at once. */
    TrafficSource source(ConnectedApis apis, CollectorAddress at) {
        String id = connection.profile().id();
        List<ConnectionBoundSource> parts = new ArrayList<>();
        if (apis.gateway().isPresent()) {
            ServiceChoice s = service.get() == null ? ServiceChoice.ALL : service.get();
            KongScope scope = s.isGlobal() ? KongScope.global() : KongScope.service(s.id(), s.name());
            parts.add(new KongTrafficSource(apis, id, scope, at, ledger));
        }
        if (apis.mesh().isPresent() && meshName.get() != null) {
            // two collectors cannot share a fixed port: the mesh's takes the next one
            CollectorAddress meshAt = parts.isEmpty() || at.port() == 0 || at.port() == 65535
                    ? at
                    : new CollectorAddress(at.host(), at.port() + 1);
            parts.add(new KumaTrafficSource(apis, id, meshName.get(), meshAt, ledger));
        }
        return parts.size() == 1 ? parts.get(0) : new CompositeSource(apis, parts);
    }

    /** Stops the remote watch, removing what it added. */
    public CompletableFuture<Void> stop() {
        if (!watching.get()) {
            return CompletableFuture.completedFuture(null);
        }
        return traffic.stop();
    }

    /** Lists the services and meshes again. */
    public void reload() {
        ConnectedApis apis = connection.apis();
        if (apis == null || mode.get() != Mode.REMOTE) {
            return;
        }
        loadError.set("");
        apis.gateway()
                .ifPresent(g -> tasks.run(
                        "services",
                        () -> g.listAll(EntityKind.SERVICES),
                        list -> {
                            ServiceChoice kept = service.get();
                            List<ServiceChoice> choices = new ArrayList<>();
                            choices.add(ServiceChoice.ALL);
                            list.stream()
                                    .map(WatchControlsViewModel::choice)
                                    .sorted(Comparator.comparing(ServiceChoice::name, NaturalOrder.INSTANCE))
                                    .forEach(choices::add);
                            services.setAll(choices);
                            service.set(kept != null && choices.contains(kept) ? kept : ServiceChoice.ALL);
                        },
                        failure -> loadError.set(Failures.sentence(messages, failure))));
        apis.mesh()
                .ifPresent(m -> tasks.run(
                        "meshes",
                        m::meshes,
                        list -> {
                            String kept = meshName.get();
                            List<String> names = list.stream()
                                    .map(o -> o.path("name").asText())
                                    .sorted(NaturalOrder.INSTANCE)
                                    .toList();
                            meshes.setAll(names);
                            meshName.set(
                                    kept != null && names.contains(kept)
                                            ? kept
                                            : names.contains("default")
                                                    ? "default"
                                                    : names.isEmpty() ? null : names.get(0));
                        },
                        failure -> loadError.set(Failures.sentence(messages, failure))));
    }

    private static ServiceChoice choice(ObjectNode service) {
        String id = service.path("id").asText();
        String name = service.path("name").asText("");
        return new ServiceChoice(id, name.isEmpty() ? id : name);
    }

    private void connected(ConnectedApis apis) {
        tasks.dropPending();
        services.clear();
        service.set(null);
        meshes.clear();
        meshName.set(null);
        loadError.set("");
        addressError.set("");
        if (apis == null) {
            mode.set(Mode.NONE);
        } else if (connection.profile().isEmbedded()) {
            mode.set(Mode.EMBEDDED);
        } else {
            mode.set(Mode.REMOTE);
        }
        gateway.set(apis != null && apis.gateway().isPresent());
        mesh.set(apis != null && apis.mesh().isPresent());
        updateStatus();
        reload();
    }

    private void updateStatus() {
        String summary = traffic.summaryProperty().get();
        LiveTraffic.State state = traffic.state();
        status.set(
                switch (mode.get()) {
                    case NONE -> messages.get("page.traffic.watch.disconnected");
                    case EMBEDDED ->
                        state == LiveTraffic.State.FAILED
                                ? messages.get("page.traffic.watch.failed", summary)
                                : state == LiveTraffic.State.WATCHING
                                        ? messages.get("page.traffic.watch.embedded")
                                        : messages.get("page.traffic.watch.embedded.idle");
                    case REMOTE ->
                        switch (state) {
                            case IDLE ->
                                withAddressNote(
                                        messages.get(
                                                gateway.get() && mesh.get()
                                                        ? "page.traffic.watch.idle.both"
                                                        : gateway.get()
                                                                ? "page.traffic.watch.idle.gateway"
                                                                : "page.traffic.watch.idle.mesh"),
                                        typedAddress());
                            case STARTING -> messages.get("page.traffic.watch.starting");
                            case WATCHING -> withAddressNote(summary, watchedAt);
                            case FAILED -> messages.get("page.traffic.watch.failed", summary);
                        };
                });
    }

    /** The address field's value when it can be read; null while it cannot. */
    private CollectorAddress typedAddress() {
        try {
            return CollectorAddress.parse(address.get());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * {@code sentence}, and for a collector on every interface which address the gateway and data planes are told
     * (no host was chosen, so the console picked one: the user should know which, and that they can choose).
     */
    private String withAddressNote(String sentence, CollectorAddress at) {
        if (at == null || !at.everyInterface()) {
            return sentence;
        }
        MachineAddress machine = MachineAddress.find();
        return sentence + " "
                + messages.get(
                        machine.siteLocal() ? "page.traffic.watch.advertised" : "page.traffic.watch.advertised.other",
                        machine.host(),
                        at.host());
    }
}
