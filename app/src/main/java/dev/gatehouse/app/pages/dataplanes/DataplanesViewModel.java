package dev.gatehouse.app.pages.dataplanes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageLink;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.pages.entities.NaturalOrder;
import dev.gatehouse.app.pages.topology.TopologyPage;
import dev.gatehouse.app.repository.mesh.DataplanePermissions;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Data planes page: every data plane of every mesh with its services, address, inbounds and outbounds, whether
 * it is a gateway, online or offline and when its certificate expires; a filter and a mesh choice; for the selected
 * one the policies that apply to each inbound (the control plane's inspection), and a way to its node on the graph.
 */
public final class DataplanesViewModel extends PageViewModel {

    /** The mesh choice that shows every mesh. */
    public static final String ALL_MESHES = "";

    private final UiTasks tasks;
    private final Consumer<PageLink> links;
    private final Clock clock;
    private final ObservableList<String> meshes = FXCollections.observableArrayList();
    private final StringProperty mesh = new SimpleStringProperty(this, "mesh", ALL_MESHES);
    private final ObservableList<DataplaneRow> items = FXCollections.observableArrayList();
    private final FilteredList<DataplaneRow> filtered = new FilteredList<>(items);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final StringProperty loadError = new SimpleStringProperty(this, "loadError", "");
    private final ObjectProperty<DataplaneRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<DataplanePermissions> permissions = new SimpleObjectProperty<>(this, "permissions");
    private final StringProperty permissionsError = new SimpleStringProperty(this, "permissionsError", "");
    /** The data plane a link asked for, selected once it is loaded. */
    private String wanted;

    public DataplanesViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            Consumer<PageLink> links,
            UiExecutor ui,
            Clock clock) {
        super(DataplanesPage.DESCRIPTOR, messages, connection, navigator);
        this.tasks = new UiTasks(ui);
        this.links = links;
        this.clock = clock;
        filter.addListener((obs, old, now) -> refilter());
        mesh.addListener((obs, old, now) -> refilter());
        items.addListener((ListChangeListener<DataplaneRow>) change -> refilter());
        selected.addListener((obs, old, now) -> {
            if (now == null || old == null || !key(now).equals(key(old))) {
                permissions.set(null);
                permissionsError.set("");
            }
            loadPermissions();
        });
        connection.apisProperty().addListener((obs, old, now) -> {
            // What is still on its way comes from the connection just left.
            tasks.dropPending();
            loading.set(false);
            loadError.set("");
            items.clear();
            meshes.clear();
            mesh.set(ALL_MESHES);
            selected.set(null);
            if (now != null) {
                reload();
            }
        });
    }

    /** The meshes of the connection, for the mesh choice. */
    public ObservableList<String> meshes() {
        return meshes;
    }

    /** The mesh shown, or {@link #ALL_MESHES}. */
    public StringProperty meshProperty() {
        return mesh;
    }

    /** Every data plane of every mesh. */
    public ObservableList<DataplaneRow> items() {
        return items;
    }

    /** The data planes of the chosen mesh that match the filter; the table shows these. */
    public FilteredList<DataplaneRow> filtered() {
        return filtered;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty loadErrorProperty() {
        return loadError;
    }

    public ObjectProperty<DataplaneRow> selectedProperty() {
        return selected;
    }

    /** The policies that apply to the selected data plane, inbound by inbound; null until they arrive. */
    public ObjectProperty<DataplanePermissions> permissionsProperty() {
        return permissions;
    }

    /** Why the policies of the selected data plane could not be shown. */
    public StringProperty permissionsErrorProperty() {
        return permissionsError;
    }

    @Override
    public void activated() {
        reload();
    }

    /** The mesh changed (a data plane came or went, a policy or mTLS changed): show it as it is, quietly. */
    @Override
    public void follow(Capability runtime) {
        if (runtime == Capability.MESH) {
            load(false);
        }
    }

    /** A data plane's name (the palette's entry): shows that data plane, whatever the filter said. */
    @Override
    public void show(String what) {
        wanted = what;
        selectWanted();
    }

    /** Command: load every mesh's data planes again. */
    public void reload() {
        load(true);
    }

    /**
     * Command: open the Topology page on the node of {@code row}'s service. The link's words are the node's id,
     * {@code service:<kuma.io/service>} (what the graph names a mesh service's node).
     */
    public void showOnGraph(DataplaneRow row) {
        row.primaryService().ifPresent(service -> links.accept(new PageLink(TopologyPage.ID, graphLink(service))));
    }

    /** What {@link #showOnGraph} asks the Topology page to show. */
    public static String graphLink(String service) {
        return DataplaneRow.graphNode(service);
    }

    private Optional<MeshRepository> repository() {
        ConnectedApis apis = connection().apis();
        return apis == null ? Optional.empty() : apis.mesh();
    }

    private void load(boolean spinner) {
        Optional<MeshRepository> repository = repository();
        if (repository.isEmpty()) {
            return;
        }
        if (spinner) {
            loading.set(true);
        }
        tasks.run(
                "list",
                () -> fetch(repository.get()),
                loaded -> {
                    loading.set(false);
                    loadError.set("");
                    if (!meshes.equals(loaded.meshes())) {
                        meshes.setAll(loaded.meshes());
                    }
                    if (!mesh.get().equals(ALL_MESHES) && !meshes.contains(mesh.get())) {
                        mesh.set(ALL_MESHES);
                    }
                    show(loaded.rows());
                    selectWanted();
                    // The same data plane, changed or not, may be governed by other policies now.
                    if (!spinner || selected.get() != null) {
                        loadPermissions();
                    }
                },
                failure -> {
                    loading.set(false);
                    loadError.set(Failures.sentence(messages(), failure));
                });
    }

    /** The meshes and their data planes, fetched together. */
    private record Loaded(List<String> meshes, List<DataplaneRow> rows) {}

    private static CompletableFuture<Loaded> fetch(MeshRepository repository) {
        return repository.meshes().thenCompose(list -> {
            List<String> names = list.stream()
                    .map(m -> m.path("name").asText())
                    .sorted(NaturalOrder.INSTANCE)
                    .toList();
            List<CompletableFuture<List<DataplaneRow>>> each = new ArrayList<>();
            for (String name : names) {
                each.add(repository
                        .dataplanes(name)
                        .thenApply(overviews -> overviews.stream()
                                .map((ObjectNode o) -> DataplaneRow.of(name, o))
                                .toList()));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(done -> new Loaded(
                            names,
                            each.stream()
                                    .flatMap(f -> f.join().stream())
                                    .sorted(Comparator.comparing(DataplaneRow::mesh, NaturalOrder.INSTANCE)
                                            .thenComparing(DataplaneRow::name, NaturalOrder.INSTANCE))
                                    .toList()));
        });
    }

    /** Replaces the rows when they changed, keeping the selection on the same data plane (mesh and name). */
    private void show(List<DataplaneRow> rows) {
        if (items.equals(rows)) {
            return;
        }
        String keep = selected.get() == null ? null : key(selected.get());
        items.setAll(rows);
        if (keep != null) {
            selected.set(filtered.stream()
                    .filter(r -> key(r).equals(keep))
                    .findFirst()
                    .orElse(null));
        }
    }

    private void selectWanted() {
        if (wanted == null) {
            return;
        }
        Optional<DataplaneRow> row =
                items.stream().filter(r -> r.name().equals(wanted)).findFirst();
        if (row.isEmpty()) {
            return;
        }
        wanted = null;
        if (!filtered.contains(row.get())) {
            filter.set("");
            mesh.set(ALL_MESHES);
        }
        selected.set(row.get());
    }

    private void loadPermissions() {
        DataplaneRow row = selected.get();
        Optional<MeshRepository> repository = repository();
        if (row == null || repository.isEmpty()) {
            tasks.drop("permissions");
            return;
        }
        tasks.run(
                "permissions",
                () -> repository.get().permissions(row.mesh(), row.name()),
                answer -> {
                    permissionsError.set("");
                    if (!answer.equals(permissions.get())) {
                        permissions.set(answer);
                    }
                },
                failure -> {
                    permissions.set(null);
                    permissionsError.set(
                            messages().get("dataplane.policies.failed", Failures.sentence(messages(), failure)));
                });
    }

    private void refilter() {
        String chosen = mesh.get() == null ? ALL_MESHES : mesh.get();
        String[] tokens = tokens();
        filtered.setPredicate(row -> (chosen.equals(ALL_MESHES) || chosen.equals(row.mesh())) && matches(row, tokens));
        DataplaneRow current = selected.get();
        // By mesh and name, not by row: a reload replaces the rows, and show() moves the selection to the new row of
        // the same data plane. Comparing rows here dropped the selection (and with it the policies shown) for a moment
        // whenever a reload changed the selected row, e.g. when its certificate arrived.
        if (current != null && filtered.stream().noneMatch(r -> key(r).equals(key(current)))) {
            // A selection the user cannot see has no details either.
            selected.set(null);
        }
    }

    private String[] tokens() {
        String text = filter.get() == null ? "" : filter.get().strip();
        return text.isEmpty() ? new String[0] : text.toLowerCase(Locale.ROOT).split("\\s+");
    }

    private boolean matches(DataplaneRow row, String[] tokens) {
        if (tokens.length == 0) {
            return true;
        }
        String text = searchText(row);
        for (String token : tokens) {
            if (!text.contains(token)) {
                return false;
            }
        }
        return true;
    }

    /** What the filter looks in: names, services, address, ports, gateway or not, online or offline. */
    private String searchText(DataplaneRow row) {
        List<String> texts = new ArrayList<>(List.of(row.mesh(), row.name(), row.address(), statusWord(row)));
        texts.addAll(row.services());
        row.inbounds().forEach(in -> texts.add(in.text()));
        texts.addAll(row.outbounds());
        texts.add(kindWord(row));
        return String.join("\n", texts).toLowerCase(Locale.ROOT);
    }

    private static String key(DataplaneRow row) {
        return row.mesh() + '\n' + row.name();
    }

    /** "Online" or "Offline". */
    public String statusWord(DataplaneRow row) {
        return messages().get(row.online() ? "dataplane.online" : "dataplane.offline");
    }

    /** "Gateway" or "Sidecar", for the table. */
    public String kindWord(DataplaneRow row) {
        return messages().get(row.isGateway() ? "dataplane.kind.gateway" : "dataplane.kind.sidecar");
    }

    /** "Gateway (delegated)" or "Sidecar", for the details. */
    public String kindDetail(DataplaneRow row) {
        return row.gateway()
                .map(type -> messages().get("dataplane.kind.gateway.type", type.toLowerCase(Locale.ROOT)))
                .orElse(messages().get("dataplane.kind.sidecar"));
    }

    /** Why a client with no deciding policy gets its verdict: mTLS off lets it through, else nothing allows it. */
    public String noPolicyText(boolean mtlsEnabled) {
        return messages().get(mtlsEnabled ? "dataplane.policies.nothing" : "dataplane.policies.not.enforced");
    }

    /** "Expires in 23 h 59 min", "Expired 2 h ago", or "None" when the control plane issued none (mTLS off). */
    public String certificateText(DataplaneRow row) {
        if (row.certificate().isEmpty()) {
            return messages().get("dataplane.cert.none");
        }
        Duration left =
                Duration.between(clock.instant(), row.certificate().get().expires());
        return left.isNegative()
                ? messages().get("dataplane.cert.expired", span(left.negated()))
                : messages().get("dataplane.cert.expires", span(left));
    }

    /** Whether the certificate has expired or expires within the hour: a warning, not only words. */
    public boolean certificateUrgent(DataplaneRow row) {
        return row.certificate()
                .map(c -> Duration.between(clock.instant(), c.expires()).compareTo(Duration.ofHours(1)) < 0)
                .orElse(false);
    }

    private String span(Duration d) {
        if (d.toDays() >= 2) {
            return messages().get("dataplane.span.days", d.toDays());
        }
        if (d.toHours() >= 1) {
            return messages().get("dataplane.span.hours", d.toHours(), d.toMinutesPart());
        }
        return messages().get("dataplane.span.minutes", Math.max(0, d.toMinutes()));
    }

    /** Which family of policy decides an inbound, in words. */
    public String modeText(String mode) {
        return switch (mode) {
            case "MTLS_OFF" -> messages().get("dataplane.mode.mtls.off");
            case "MESH_TRAFFIC_PERMISSION", "MESH_TRAFFIC_PERMISSION_RULES" ->
                messages().get("dataplane.mode.mtp");
            case "TRAFFIC_PERMISSION" -> messages().get("dataplane.mode.tp");
            case "NONE" -> messages().get("dataplane.mode.none");
            default -> mode;
        };
    }

    /** {@code kuma.io/service=gateway}, or "every client" for an empty subset. */
    public String tagsText(Map<String, String> tags) {
        return tags.isEmpty()
                ? messages().get("dataplane.clients.any")
                : tags.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
    }
}
