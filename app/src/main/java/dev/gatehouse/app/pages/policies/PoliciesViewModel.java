package dev.gatehouse.app.pages.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.meshpolicy.ImpactPreview;
import dev.gatehouse.app.meshpolicy.PermissionImpact;
import dev.gatehouse.app.meshpolicy.PermissionTemplates;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.policyeditor.PolicyEditorModel;
import dev.gatehouse.app.repository.mesh.MeshCapabilities;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Policies page: every policy of every type the control plane serves in one mesh, filtered as typed; create
 * from a template, edit in the policy editor, apply, and delete after a preview of the pairs that would be denied.
 * Follows the control plane's change notifications. Writes are off when the control plane is read-only.
 */
public final class PoliciesViewModel extends PageViewModel {

    /** Used while the control plane does not say what it serves: the two permission types every Kuma knows. */
    static final MeshCapabilities ASSUMED = new MeshCapabilities(
            false,
            Optional.empty(),
            true,
            List.of(MeshResourceType.TRAFFIC_PERMISSION, MeshResourceType.MESH_TRAFFIC_PERMISSION));

    private static final String DEFAULT_MESH = "default";

    private final DialogService dialogs;
    private final UiTasks tasks;
    private final ObservableList<PolicyRow> rows = FXCollections.observableArrayList();
    private final FilteredList<PolicyRow> filtered = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObservableList<String> meshes = FXCollections.observableArrayList();
    private final StringProperty mesh = new SimpleStringProperty(this, "mesh", DEFAULT_MESH);
    private final ObservableList<String> services = FXCollections.observableArrayList();
    private final ObjectProperty<PolicyRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<PolicyEditorModel> editor = new SimpleObjectProperty<>(this, "editor");
    private final ObjectProperty<MeshCapabilities> capabilities =
            new SimpleObjectProperty<>(this, "capabilities", ASSUMED);
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final BooleanProperty saving = new SimpleBooleanProperty(this, "saving");
    private final StringProperty loadError = new SimpleStringProperty(this, "loadError", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    /** A name asked for before the rows were there (a palette link); selected once they are. */
    private String pendingShow;

    public PoliciesViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            DialogService dialogs,
            UiExecutor ui) {
        super(PoliciesPage.DESCRIPTOR, messages, connection, navigator);
        this.dialogs = dialogs;
        this.tasks = new UiTasks(ui);
        filter.addListener((obs, old, now) -> applyFilter());
        rows.addListener((javafx.collections.ListChangeListener<PolicyRow>) c -> keepSelectionVisible());
        filtered.addListener((javafx.collections.ListChangeListener<PolicyRow>) c -> keepSelectionVisible());
        mesh.addListener((obs, old, now) -> {
            if (now != null && !now.equals(old)) {
                selected.set(null);
                rows.clear();
                reload();
            }
        });
        connection.apisProperty().addListener((obs, old, now) -> {
            tasks.dropPending();
            loading.set(false);
            saving.set(false);
            loadError.set("");
            rows.clear();
            meshes.clear();
            services.clear();
            selected.set(null);
            editor.set(null);
            capabilities.set(ASSUMED);
            if (now != null) {
                reload();
            }
        });
    }

    /** Every policy of the mesh, of every type. */
    public ObservableList<PolicyRow> rows() {
        return rows;
    }

    /** The policies that match the filter; the table shows these. */
    public FilteredList<PolicyRow> filtered() {
        return filtered;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** The meshes of the control plane, for the mesh choice. */
    public ObservableList<String> meshes() {
        return meshes;
    }

    /** The mesh shown. */
    public StringProperty meshProperty() {
        return mesh;
    }

    /** The services of the mesh (its data planes' {@code kuma.io/service} tags), for templates and the editor. */
    public ObservableList<String> services() {
        return services;
    }

    public ObjectProperty<PolicyRow> selectedProperty() {
        return selected;
    }

    /** The open editor, or null. */
    public ObjectProperty<PolicyEditorModel> editorProperty() {
        return editor;
    }

    /** What the control plane serves and whether it takes writes. */
    public ObjectProperty<MeshCapabilities> capabilitiesProperty() {
        return capabilities;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanProperty savingProperty() {
        return saving;
    }

    public StringProperty loadErrorProperty() {
        return loadError;
    }

    /** The outcome of the last action ("Applied …", "Deleted …"). */
    public StringProperty statusProperty() {
        return status;
    }

    @Override
    public List<StringProperty> notices() {
        return List.of(status);
    }

    /** Why writes are off, or empty when they are on. */
    public String readOnlyReason() {
        MeshCapabilities caps = capabilities.get();
        return caps.readOnly() ? caps.readOnlyReason().orElse(messages().get("policies.readonly")) : "";
    }

    /** Whether a template can be written: a deny needs MeshTrafficPermission. */
    public boolean offers(PolicyTemplate template) {
        return template != PolicyTemplate.DENY || capabilities.get().meshTrafficPermission();
    }

    private Optional<MeshRepository> repository() {
        ConnectedApis apis = connection().apis();
        return apis == null ? Optional.empty() : apis.mesh();
    }

    @Override
    public void activated() {
        if (!loading.get()) {
            reload();
        }
    }

    /** A policy of the mesh changed (the watch said so): show the list as it is now, quietly. */
    @Override
    public void follow(Capability runtime) {
        if (runtime == Capability.MESH && !loading.get()) {
            load(false);
        }
    }

    /** Selects the policy named {@code what} (the command palette links here with a name). */
    @Override
    public void show(String what) {
        pendingShow = what;
        selectPending();
    }

    /** Command: load the meshes, the policy types, the policies and the services again. */
    public void reload() {
        load(true);
    }

    /** What one load brings. */
    private record Loaded(
            MeshCapabilities capabilities,
            List<String> meshes,
            String mesh,
            List<PolicyRow> rows,
            List<String> services) {}

    private void load(boolean showProgress) {
        Optional<MeshRepository> repo = repository();
        if (repo.isEmpty()) {
            return;
        }
        if (showProgress) {
            loading.set(true);
        }
        String wanted = mesh.get();
        tasks.run(
                "list",
                () -> fetch(repo.get(), wanted),
                loaded -> {
                    loading.set(false);
                    loadError.set("");
                    capabilities.set(loaded.capabilities());
                    if (!meshes.equals(loaded.meshes())) {
                        meshes.setAll(loaded.meshes());
                    }
                    if (!services.equals(loaded.services())) {
                        services.setAll(loaded.services());
                    }
                    if (!loaded.mesh().equals(mesh.get())) {
                        // The mesh asked for is not there; the listener loads the one that is.
                        mesh.set(loaded.mesh());
                        return;
                    }
                    merge(loaded.rows());
                    selectPending();
                },
                failure -> {
                    loading.set(false);
                    loadError.set(Failures.sentence(messages(), failure));
                });
    }

    private static CompletableFuture<Loaded> fetch(MeshRepository repo, String wanted) {
        return repo.capabilities()
                .thenCombine(repo.meshes(), (c, list) -> {
                    List<String> names = list.stream()
                            .map(m -> m.path("name").asText())
                            .sorted()
                            .toList();
                    String chosen = names.contains(wanted)
                            ? wanted
                            : names.contains(DEFAULT_MESH) ? DEFAULT_MESH : names.isEmpty() ? wanted : names.get(0);
                    return new Loaded(c, names, chosen, List.of(), List.of());
                })
                .thenCompose(partial -> {
                    if (!partial.mesh().equals(wanted)) {
                        return CompletableFuture.completedFuture(partial);
                    }
                    List<MeshResourceType> types = partial.capabilities().policyTypes();
                    List<CompletableFuture<List<PolicyRow>>> lists = new ArrayList<>();
                    for (MeshResourceType type : types) {
                        lists.add(repo.policies(wanted, type)
                                .thenApply(policies -> policies.stream()
                                        .map(p -> PolicyRow.of(type, p))
                                        .toList()));
                    }
                    CompletableFuture<List<String>> services =
                            repo.dataplanes(wanted).thenApply(PoliciesViewModel::serviceNames);
                    return CompletableFuture.allOf(lists.toArray(CompletableFuture[]::new))
                            .thenCombine(services, (done, names) -> {
                                List<PolicyRow> all = new ArrayList<>();
                                lists.forEach(l -> all.addAll(l.join()));
                                all.sort(Comparator.comparing(
                                                (PolicyRow r) -> r.type().name())
                                        .thenComparing(PolicyRow::name));
                                return new Loaded(partial.capabilities(), partial.meshes(), wanted, all, names);
                            });
                });
    }

    /** The {@code kuma.io/service} tags of the data planes' inbounds (and a gateway's tags), sorted. */
    static List<String> serviceNames(List<ObjectNode> dataplanes) {
        TreeSet<String> names = new TreeSet<>();
        for (ObjectNode overview : dataplanes) {
            JsonNode networking = overview.path("dataplane").path("networking");
            if (networking.isMissingNode()) {
                networking = overview.path("networking");
            }
            for (JsonNode inbound : networking.path("inbound")) {
                String service = inbound.path("tags").path("kuma.io/service").asText("");
                if (!service.isEmpty()) {
                    names.add(service);
                }
            }
            String gateway = networking
                    .path("gateway")
                    .path("tags")
                    .path("kuma.io/service")
                    .asText("");
            if (!gateway.isEmpty()) {
                names.add(gateway);
            }
        }
        return List.copyOf(names);
    }

    /** Replaces the rows with {@code fresh}, keeping unchanged ones (and so the selection) as they are. */
    private void merge(List<PolicyRow> fresh) {
        if (!rows.equals(fresh)) {
            PolicyRow keep = selected.get();
            rows.setAll(fresh);
            if (keep != null) {
                selected.set(filtered.stream().filter(keep::sameAs).findFirst().orElse(null));
            }
        }
    }

    private static String pairLines(PermissionImpact impact) {
        return String.join(
                "\n",
                impact.newlyDenied().stream()
                        .map(p -> p.source() + " \u2192 " + p.destination())
                        .toList());
    }

    private void selectPending() {
        if (pendingShow == null || rows.isEmpty()) {
            return;
        }
        String name = pendingShow;
        Optional<PolicyRow> row =
                rows.stream().filter(r -> r.name().equals(name)).findFirst();
        if (row.isPresent()) {
            pendingShow = null;
            if (!filtered.contains(row.get())) {
                filter.set("");
            }
            selected.set(row.get());
        }
    }

    private void applyFilter() {
        String[] tokens = filter.get() == null || filter.get().isBlank()
                ? new String[0]
                : filter.get().strip().toLowerCase(Locale.ROOT).split("\\s+");
        filtered.setPredicate(tokens.length == 0 ? r -> true : r -> matches(r, tokens));
    }

    /** Every token is part of the type, name, mesh or summary (substrings, as the other pages filter). */
    private static boolean matches(PolicyRow row, String[] tokens) {
        String text = String.join("\n", row.type().name(), row.name(), row.mesh(), row.summary())
                .toLowerCase(Locale.ROOT);
        for (String token : tokens) {
            if (!text.contains(token)) {
                return false;
            }
        }
        return true;
    }

    private void keepSelectionVisible() {
        PolicyRow current = selected.get();
        if (current != null && !filtered.contains(current)) {
            selected.set(filtered.stream().filter(current::sameAs).findFirst().orElse(null));
        }
    }

    /** Command: open the editor on a new policy from {@code template}, from {@code source} to {@code destination}. */
    public void startCreate(PolicyTemplate template, String source, String destination) {
        if (source == null
                || source.isBlank()
                || template.needsDestination() && (destination == null || destination.isBlank())
                || !offers(template)) {
            return;
        }
        boolean mtp = capabilities.get().meshTrafficPermission();
        ObjectNode draft = switch (template) {
            case ALLOW -> PermissionTemplates.allow(mesh.get(), source, destination, mtp);
            case DENY -> PermissionTemplates.deny(mesh.get(), source, destination);
            case ALLOW_ALL_FROM -> PermissionTemplates.allowEverythingFrom(mesh.get(), source, mtp);
        };
        openEditor(draft, false);
    }

    /** Command: open the editor on the selected policy. */
    public void startEdit() {
        PolicyRow row = selected.get();
        if (row != null) {
            openEditor(row.policy(), true);
        }
    }

    private void openEditor(ObjectNode policy, boolean existing) {
        PolicyEditorModel model =
                new PolicyEditorModel(policy, existing, capabilities.get().policyTypes());
        model.services().setAll(services);
        editor.set(model);
    }

    /** Command: close the editor without applying. */
    public void cancelEdit() {
        editor.set(null);
    }

    /**
     * Command: apply the editor's policy (Kuma's PUT). Nothing is sent while it is invalid; a refusal is shown at
     * the fields and lines it names, and the editor stays open.
     */
    public void apply() {
        PolicyEditorModel model = editor.get();
        Optional<MeshRepository> repo = repository();
        if (model == null || repo.isEmpty() || capabilities.get().readOnly()) {
            return;
        }
        Optional<MeshEdit> edit = model.edit();
        if (edit.isEmpty()) {
            return;
        }
        saving.set(true);
        tasks.run(
                "save",
                () -> repo.get().apply(edit.get()),
                ok -> {
                    saving.set(false);
                    if (editor.get() == model) {
                        editor.set(null);
                    }
                    status.set(messages()
                            .get(
                                    "policies.applied",
                                    edit.get().type().name(),
                                    edit.get().name()));
                    pendingShow = edit.get().name();
                    load(false);
                },
                failure -> {
                    saving.set(false);
                    if (UiTasks.unwrap(failure) instanceof MeshException refusal) {
                        model.showServerErrors(refusal.getMessage(), refusal.fieldErrors());
                    } else {
                        model.showGeneralError(Failures.sentence(messages(), failure));
                    }
                });
    }

    /**
     * Command: delete the selected policy after a confirmation that names the pairs of services the deletion would
     * deny (the permission matrix now against its preview without the policy).
     */
    public void deleteSelected() {
        PolicyRow row = selected.get();
        Optional<MeshRepository> repo = repository();
        if (row == null || repo.isEmpty() || capabilities.get().readOnly()) {
            return;
        }
        MeshEdit delete = MeshEdit.delete(row.type(), row.mesh(), row.name());
        // The engine's preview (meshpolicy.ImpactPreview): the matrix now against the matrix without the policy.
        tasks.run(
                "impact",
                () -> new ImpactPreview(repo.get(), messages()).of(row.mesh(), List.of(delete)),
                impact -> confirmDelete(repo.get(), row, delete, Optional.of(impact)),
                failure -> confirmDelete(repo.get(), row, delete, Optional.empty()));
    }

    /**
     * Asks before deleting, naming every pair of services that would be denied (one per line, so a long list stays
     * readable), or saying that none would, or that it could not be computed.
     */
    private void confirmDelete(MeshRepository repo, PolicyRow row, MeshEdit delete, Optional<PermissionImpact> impact) {
        String policy = row.type().name() + " " + row.name();
        String consequence = impact.map(i -> i.newlyDenied().isEmpty()
                        ? messages()
                                .get(
                                        i.before().mtlsEnabled()
                                                ? "policies.delete.impact.none"
                                                : "policies.delete.impact.not.enforced")
                        : messages()
                                .get("policies.delete.impact", i.newlyDenied().size(), pairLines(i)))
                .orElse(messages().get("policies.delete.impact.unknown"));
        if (!dialogs.confirm(
                messages().get("policies.delete.title"),
                messages().get("policies.delete.message", policy) + "\n\n" + consequence,
                messages().get("action.delete"))) {
            return;
        }
        tasks.run(
                "delete",
                () -> repo.apply(delete),
                ok -> {
                    status.set(messages().get("policies.deleted", policy));
                    if (row.sameAs(selected.get())) {
                        selected.set(null);
                    }
                    load(false);
                },
                failure ->
                        status.set(messages().get("policies.delete.failed", Failures.sentence(messages(), failure))));
    }
}
