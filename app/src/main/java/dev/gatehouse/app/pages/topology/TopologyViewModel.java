package dev.gatehouse.app.pages.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayNode;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Topology page: the platform as a graph (callers, the gateway, mesh services, external hosts; north-south
 * routes and east-west permissions), placed off the FX thread, filtered and searched, with the user's pins saved
 * per connection and mesh. It exposes what the graph editor plugs into: the selection (a vertex, or an edge with its
 * pair and access) and connect requests (drag from a service to another, or pick both from lists).
 */
public final class TopologyViewModel extends PageViewModel {

    private final UiTasks tasks;
    private final Executor layoutExecutor;
    private final PinnedPositions pinStore;
    private final ObjectProperty<GraphOptions> options =
            new SimpleObjectProperty<>(this, "options", GraphOptions.DEFAULTS);
    private final BooleanProperty showDenied = new SimpleBooleanProperty(this, "showDenied");
    private final BooleanProperty showWholesale = new SimpleBooleanProperty(this, "showWholesale");
    private final StringProperty meshFilter = new SimpleStringProperty(this, "meshFilter", "");
    private final StringProperty serviceFilter = new SimpleStringProperty(this, "serviceFilter", "");
    private final BooleanProperty hideUnconnected = new SimpleBooleanProperty(this, "hideUnconnected");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ReadOnlyObjectWrapper<TopologyDrawing> drawing =
            new ReadOnlyObjectWrapper<>(this, "drawing", TopologyDrawing.EMPTY);
    private final ObjectBinding<GraphFilter.Shown> shown;
    private final ObjectBinding<Set<String>> matches;
    private final ObjectProperty<TopologySelection> selection = new SimpleObjectProperty<>(this, "selection");
    private final ObjectProperty<ConnectRequest> pendingConnect = new SimpleObjectProperty<>(this, "pendingConnect");
    private final ObservableList<MeshSummary> meshes = FXCollections.observableArrayList();
    private final ObservableList<TopologyNode> connectable = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final StringProperty notice = new SimpleStringProperty(this, "notice", "");
    private TopologySources sources = TopologySources.NONE;
    private final Map<String, Point> pins = new HashMap<>();
    private final Set<String> pinsLoaded = new java.util.HashSet<>();
    private final GraphEditing editing;
    private final LockdownSession lockdown;

    public TopologyViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            UiExecutor ui,
            Executor layoutExecutor,
            PinnedPositions pinStore,
            DialogService dialogs) {
        this(messages, connection, navigator, ui, layoutExecutor, pinStore, dialogs, Optional.empty());
    }

    /** @param lockdowns makes the lock-down panel's model for each connection's mesh (none: no lock-down) */
    public TopologyViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            UiExecutor ui,
            Executor layoutExecutor,
            PinnedPositions pinStore,
            DialogService dialogs,
            Optional<LockdownSession.Factory> lockdowns) {
        super(TopologyPage.DESCRIPTOR, messages, connection, navigator);
        this.tasks = new UiTasks(ui);
        Supplier<Optional<MeshRepository>> mesh =
                () -> Optional.ofNullable(connection.apis()).flatMap(ConnectedApis::mesh);
        this.editing = new GraphEditing(messages, mesh, ui, dialogs);
        editing.connectionChanged();
        this.lockdown = new LockdownSession(editing, mesh, lockdowns);
        pendingConnect.addListener((obs, old, now) -> {
            if (now != null) {
                editing.open(now);
                pendingConnect.set(null);
            }
        });
        selection.addListener((obs, old, now) -> whatIfFrom(now));
        this.layoutExecutor = layoutExecutor;
        this.pinStore = pinStore;
        showDenied.addListener((obs, was, now) -> options.set(options.get().withShowDenied(now)));
        showWholesale.addListener((obs, was, now) -> options.set(options.get().withShowWholesale(now)));
        options.addListener((obs, was, now) -> rebuild());
        shown = Bindings.createObjectBinding(
                () -> new GraphFilter(meshFilter.get(), serviceFilter.get(), hideUnconnected.get())
                        .apply(drawing.get().graph()),
                drawing,
                meshFilter,
                serviceFilter,
                hideUnconnected);
        matches = Bindings.createObjectBinding(
                () -> GraphFilter.matches(drawing.get().graph(), search.get()), drawing, search);
        connection.apisProperty().addListener((obs, old, now) -> {
            tasks.dropPending();
            clear();
            editing.connectionChanged();
            if (now != null) {
                activated();
            }
        });
    }

    /** The placed graph; replaced as a whole when anything changed. */
    public ReadOnlyObjectProperty<TopologyDrawing> drawingProperty() {
        return drawing.getReadOnlyProperty();
    }

    /** The vertices and edges the filters leave. */
    public ObjectBinding<GraphFilter.Shown> shownBinding() {
        return shown;
    }

    /** The vertices the search text matches. */
    public ObjectBinding<Set<String>> matchesBinding() {
        return matches;
    }

    public BooleanProperty showDeniedProperty() {
        return showDenied;
    }

    /** Whether pairs allowed wholesale (allow-all, mTLS off) are drawn even when there are many. */
    public BooleanProperty showWholesaleProperty() {
        return showWholesale;
    }

    public StringProperty meshFilterProperty() {
        return meshFilter;
    }

    /** The node id of the service shown with its neighbours only; "" for all. */
    public StringProperty serviceFilterProperty() {
        return serviceFilter;
    }

    public BooleanProperty hideUnconnectedProperty() {
        return hideUnconnected;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** The selected vertex or edge (null for none); the editing side panel follows it. */
    public ObjectProperty<TopologySelection> selectionProperty() {
        return selection;
    }

    /**
     * The connection the user last asked for and nobody handled yet; whoever handles it (the policy editor) sets it
     * back to null.
     */
    public ObjectProperty<ConnectRequest> pendingConnectProperty() {
        return pendingConnect;
    }

    /** The editing side panel's state: draft, removal and deny, undo and redo, what-if. */
    public GraphEditing editing() {
        return editing;
    }

    /** The lock-down side panel: open or not, and the model of the connection's mesh. */
    public LockdownSession lockdown() {
        return lockdown;
    }

    /** The user pointed at edge {@code id}: an east-west pair fills the what-if. */
    public void hoverEdge(String id) {
        drawing.get().graph().edge(id).flatMap(this::edgeSelection).ifPresent(this::whatIfFrom);
    }

    /** A selected or hovered pair (or service, as the source) becomes the what-if's question. */
    private void whatIfFrom(TopologySelection selected) {
        if (selected instanceof TopologySelection.EdgeSelected e && e.access().isPresent()) {
            editing.whatIfMeshProperty().set(e.mesh());
            editing.whatIfSourceProperty().set(e.access().get().source());
            editing.whatIfDestinationProperty().set(e.access().get().destination());
        } else if (selected instanceof TopologySelection.NodeSelected n
                && n.node().inMesh()) {
            if (!n.node().mesh().equals(editing.whatIfMeshProperty().get())) {
                editing.whatIfDestinationProperty().set(null);
            }
            editing.whatIfMeshProperty().set(n.node().mesh());
            editing.whatIfSourceProperty().set(n.node().service());
        }
    }

    /** Each mesh: lock, permission source, and whether wholesale edges are left out. */
    public ObservableList<MeshSummary> meshes() {
        return meshes;
    }

    /** The mesh services a permission can connect, for the keyboard's source and destination lists. */
    public ObservableList<TopologyNode> connectable() {
        return connectable;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** A short message about the last gesture (a refused connection). */
    public StringProperty noticeProperty() {
        return notice;
    }

    @Override
    public List<StringProperty> notices() {
        return List.of(notice);
    }

    @Override
    public void activated() {
        ConnectedApis apis = connection().apis();
        if (apis == null) {
            return;
        }
        if (apis.gateway().isPresent()) {
            loadGateway(apis.gateway().get());
        } else {
            sources = sources.withGateway(Optional.empty());
        }
        apis.mesh().ifPresent(this::loadMesh);
    }

    @Override
    public void follow(Capability runtime) {
        ConnectedApis apis = connection().apis();
        if (apis == null) {
            return;
        }
        if (runtime == Capability.GATEWAY) {
            apis.gateway().ifPresent(this::loadGateway);
        } else if (runtime == Capability.MESH) {
            apis.mesh().ifPresent(this::loadMesh);
        }
    }

    private void loadGateway(GatewayRepository gateway) {
        tasks.run(
                "gateway",
                () -> {
                    CompletableFuture<GatewayNode> node = gateway.node();
                    CompletableFuture<List<ObjectNode>> c = gateway.listAll(EntityKind.CONSUMERS);
                    CompletableFuture<List<ObjectNode>> s = gateway.listAll(EntityKind.SERVICES);
                    CompletableFuture<List<ObjectNode>> r = gateway.listAll(EntityKind.ROUTES);
                    CompletableFuture<List<ObjectNode>> p = gateway.listAll(EntityKind.PLUGINS);
                    return CompletableFuture.allOf(node, c, s, r, p)
                            .thenApply(done ->
                                    new GatewaySnapshot(node.join().product(), c.join(), s.join(), r.join(), p.join()));
                },
                snapshot -> {
                    sources = sources.withGateway(Optional.of(snapshot));
                    loadPins(List.of());
                    rebuild();
                },
                failure -> error.set(Failures.sentence(messages(), failure)));
    }

    private void loadMesh(MeshRepository mesh) {
        tasks.run(
                "mesh",
                () -> mesh.meshes().thenCompose(list -> {
                    List<CompletableFuture<MeshSnapshot>> each = new ArrayList<>();
                    for (ObjectNode one : list) {
                        String name = one.path("name").asText();
                        CompletableFuture<MeshSnapshot> withMatrix = matrix(mesh, name)
                                .handle((m, failure) -> new MeshSnapshot(
                                        one,
                                        List.of(),
                                        Optional.ofNullable(m),
                                        failure == null
                                                ? Optional.empty()
                                                : Optional.of(Failures.sentence(messages(), failure))));
                        each.add(mesh.dataplanes(name)
                                .thenCombine(
                                        withMatrix, (dps, m) -> new MeshSnapshot(one, dps, m.matrix(), m.problem())));
                    }
                    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                            .thenApply(done ->
                                    each.stream().map(CompletableFuture::join).toList());
                }),
                list -> {
                    sources = sources.withMeshes(list);
                    loadPins(list.stream().map(MeshSnapshot::name).toList());
                    rebuild();
                },
                failure -> error.set(Failures.sentence(messages(), failure)));
    }

    /** The mesh's matrix; a control plane that cannot give one fails it (the mesh is drawn without east-west edges). */
    private static CompletableFuture<PermissionMatrix> matrix(MeshRepository mesh, String name) {
        try {
            return mesh.permissionMatrix(name);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Shows a platform given as answers (the bench and the screenshots of generated meshes feed it this way). */
    void showSources(TopologySources given) {
        sources = given;
        rebuild();
    }

    /** Builds the graph from the last answers and places what is new, off the FX thread. */
    private void rebuild() {
        TopologyGraph graph = TopologyBuilder.build(sources, options.get());
        TopologyDrawing current = drawing.get();
        if (graph.equals(current.graph())) {
            return;
        }
        Map<String, Point> known = new HashMap<>(current.positions());
        known.putAll(pins);
        java.util.Set<String> pinned = java.util.Set.copyOf(pins.keySet());
        tasks.run(
                "layout",
                () -> CompletableFuture.supplyAsync(() -> TopologyLayout.compute(graph, known, pinned), layoutExecutor),
                positions -> show(new TopologyDrawing(graph, positions)),
                failure -> error.set(Failures.sentence(messages(), failure)));
    }

    private void show(TopologyDrawing placed) {
        error.set("");
        boolean changed = !placed.graph().equals(drawing.get().graph());
        drawing.set(placed);
        if (changed) {
            // A new graph follows a change of policies (a lock-down, an undo): the what-if shown may be out of date.
            editing.askWhatIf();
        }
        if (!meshes.equals(placed.graph().meshes())) {
            meshes.setAll(placed.graph().meshes());
        }
        List<TopologyNode> inMesh =
                placed.graph().nodes().stream().filter(TopologyNode::inMesh).toList();
        if (!connectable.equals(inMesh)) {
            connectable.setAll(inMesh);
        }
        // The selection follows the new graph: the same vertex or edge with its new state, or nothing.
        TopologySelection selected = selection.get();
        if (selected instanceof TopologySelection.NodeSelected n) {
            selection.set(
                    placed.graph().node(n.node().id()).map(this::nodeSelection).orElse(null));
        } else if (selected instanceof TopologySelection.EdgeSelected e) {
            selection.set(placed.graph()
                    .edge(e.edge().id())
                    .flatMap(this::edgeSelection)
                    .orElse(null));
        }
    }

    /** Selects the vertex {@code id} (null or unknown clears the selection). */
    public void selectNode(String id) {
        selection.set(
                id == null
                        ? null
                        : drawing.get()
                                .graph()
                                .node(id)
                                .map(this::nodeSelection)
                                .orElse(null));
    }

    /** Selects the edge {@code id}. */
    public void selectEdge(String id) {
        selection.set(
                drawing.get().graph().edge(id).flatMap(this::edgeSelection).orElse(null));
    }

    private TopologySelection nodeSelection(TopologyNode node) {
        return new TopologySelection.NodeSelected(node);
    }

    private Optional<TopologySelection> edgeSelection(TopologyEdge edge) {
        TopologyGraph graph = drawing.get().graph();
        return graph.node(edge.source())
                .flatMap(s -> graph.node(edge.target()).map(t -> new TopologySelection.EdgeSelected(edge, s, t)));
    }

    /**
     * Asks to let vertex {@code sourceId} reach vertex {@code destinationId}: both must be services of the same mesh.
     * Returns the request made, or empty with the reason in {@link #noticeProperty()}.
     */
    public Optional<ConnectRequest> requestConnect(String sourceId, String destinationId) {
        TopologyGraph graph = drawing.get().graph();
        Optional<TopologyNode> source = graph.node(sourceId);
        Optional<TopologyNode> destination = graph.node(destinationId);
        if (source.isEmpty() || destination.isEmpty() || sourceId.equals(destinationId)) {
            notice.set(messages().get("topology.connect.same"));
            return Optional.empty();
        }
        if (!source.get().inMesh() || !destination.get().inMesh()) {
            notice.set(messages().get("topology.connect.outside"));
            return Optional.empty();
        }
        if (!source.get().mesh().equals(destination.get().mesh())) {
            notice.set(messages().get("topology.connect.meshes"));
            return Optional.empty();
        }
        ConnectRequest request = new ConnectRequest(
                source.get().mesh(), source.get().service(), destination.get().service());
        notice.set(messages().get("topology.connect.requested", request.source(), request.destination()));
        pendingConnect.set(request);
        return Optional.of(request);
    }

    /** Reads the saved pins of meshes not read yet (and of the vertices outside any mesh), once per connection. */
    private void loadPins(List<String> meshNames) {
        List<String> unread = new ArrayList<>();
        for (String name : meshNames) {
            if (pinsLoaded.add(name)) {
                unread.add(name);
            }
        }
        boolean outsideUnread = pinsLoaded.add("\n");
        if (unread.isEmpty() && !outsideUnread) {
            return;
        }
        pinStore.load(connection().profile().id(), unread).forEach(pins::putIfAbsent);
    }

    /** The user dropped vertex {@code id} at {@code where}: it stays there, also after a restart. */
    public void pin(String id, Point where) {
        pins.put(id, where);
        TopologyDrawing current = drawing.get();
        Map<String, Point> positions = new HashMap<>(current.positions());
        positions.put(id, where);
        drawing.set(new TopologyDrawing(current.graph(), positions));
        String mesh = current.graph().node(id).map(TopologyNode::mesh).orElse("");
        Map<String, Point> inMesh = new HashMap<>();
        pins.forEach((pinned, p) -> {
            String m = current.graph().node(pinned).map(TopologyNode::mesh).orElse("");
            if (m.equals(mesh)) {
                inMesh.put(pinned, p);
            }
        });
        pinStore.save(connection().profile().id(), mesh, inMesh);
    }

    /** Whether the user pinned vertex {@code id}. */
    public boolean pinned(String id) {
        return pins.containsKey(id);
    }

    /** Places every vertex again except the pinned ones. */
    public void relayout() {
        TopologyGraph graph = drawing.get().graph();
        Map<String, Point> known = new HashMap<>(pins);
        tasks.run(
                "layout",
                () -> CompletableFuture.supplyAsync(() -> TopologyLayout.compute(graph, known), layoutExecutor),
                positions -> show(new TopologyDrawing(graph, positions)),
                failure -> error.set(Failures.sentence(messages(), failure)));
    }

    private void clear() {
        sources = TopologySources.NONE;
        drawing.set(TopologyDrawing.EMPTY);
        meshes.clear();
        connectable.clear();
        selection.set(null);
        pendingConnect.set(null);
        error.set("");
        pins.clear();
        pinsLoaded.clear();
    }
}
