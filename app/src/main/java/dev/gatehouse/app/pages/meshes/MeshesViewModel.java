package dev.gatehouse.app.pages.meshes;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.gatehouse.app.pages.entities.NaturalOrder;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Meshes page: each mesh with mTLS on or off, the enabled certificate authority and the list of backends, and
 * a form that turns mTLS on (with a builtin CA), off, or adds a builtin backend. Turning mTLS on makes the mesh's
 * traffic permissions bite, so before it is applied the confirmation lists the connections that would become
 * denied, from the permission matrix now and as the engine previews it with the change. The control plane's
 * refusals are shown at the field they name; a read-only control plane disables the form and says why.
 */
public final class MeshesViewModel extends PageViewModel {

    /** {@code mtls.backends[2].name}: the index of the backend a field path points into. */
    private static final Pattern BACKEND_INDEX = Pattern.compile("^mtls\\.backends\\[(\\d+)]");

    /** How many denied pairs the confirmation names before it says "and N more". */
    static final int LISTED_PAIRS = 12;

    private final UiTasks tasks;
    private final DialogService dialogs;
    private final ObservableList<MeshRow> meshes = FXCollections.observableArrayList();
    private final ObjectProperty<MeshRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final StringProperty loadError = new SimpleStringProperty(this, "loadError", "");
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly");
    private final StringProperty readOnlyReason = new SimpleStringProperty(this, "readOnlyReason", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final StringProperty backendToEnable = new SimpleStringProperty(this, "backendToEnable", "");
    private final StringProperty newBackend = new SimpleStringProperty(this, "newBackend", "");
    private final StringProperty enableError = new SimpleStringProperty(this, "enableError", "");
    private final StringProperty backendsError = new SimpleStringProperty(this, "backendsError", "");
    private final StringProperty newBackendError = new SimpleStringProperty(this, "newBackendError", "");
    private final StringProperty formError = new SimpleStringProperty(this, "formError", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ObservableList<ServiceAccess> impact = FXCollections.observableArrayList();
    /** The mesh a link asked for, selected once loaded. */
    private String wanted;

    public MeshesViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            DialogService dialogs,
            UiExecutor ui) {
        super(MeshesPage.DESCRIPTOR, messages, connection, navigator);
        this.tasks = new UiTasks(ui);
        this.dialogs = dialogs;
        selected.addListener((obs, old, now) -> {
            if (now == null || old == null || !now.name().equals(old.name())) {
                clearErrors();
                impact.clear();
                prefill(now);
            } else if (!now.backends().equals(old.backends())) {
                prefill(now);
            }
        });
        connection.apisProperty().addListener((obs, old, now) -> {
            // What is still on its way comes from the connection just left.
            tasks.dropPending();
            loading.set(false);
            busy.set(false);
            loadError.set("");
            readOnly.set(false);
            readOnlyReason.set("");
            meshes.clear();
            selected.set(null);
            if (now != null) {
                reload();
            }
        });
    }

    public ObservableList<MeshRow> meshes() {
        return meshes;
    }

    public ObjectProperty<MeshRow> selectedProperty() {
        return selected;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty loadErrorProperty() {
        return loadError;
    }

    /** True when the control plane refuses writes; the form is disabled and {@link #readOnlyReasonProperty} says why. */
    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public StringProperty readOnlyReasonProperty() {
        return readOnlyReason;
    }

    /** True while a preview or a change is on its way; the form waits. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The backend "Turn on mTLS" enables: one of the mesh's, or a new builtin CA when it has none. */
    public StringProperty backendToEnableProperty() {
        return backendToEnable;
    }

    /** The name of the builtin CA backend "Add" adds. */
    public StringProperty newBackendProperty() {
        return newBackend;
    }

    /** The control plane's reason against the enabled backend ({@code mtls.enabledBackend}). */
    public StringProperty enableErrorProperty() {
        return enableError;
    }

    /** The control plane's reason against the backend list ({@code mtls.backends}). */
    public StringProperty backendsErrorProperty() {
        return backendsError;
    }

    /** The reason against the backend being added (its name, its type). */
    public StringProperty newBackendErrorProperty() {
        return newBackendError;
    }

    /** A failure that names no field of the form. */
    public StringProperty formErrorProperty() {
        return formError;
    }

    /** The outcome of the last change ("mTLS is on in mesh default"). */
    public StringProperty statusProperty() {
        return status;
    }

    @Override
    public List<StringProperty> notices() {
        return List.of(status);
    }

    /** The connections the last preview found would become denied. */
    public ObservableList<ServiceAccess> impact() {
        return impact;
    }

    /** The backends "Turn on mTLS" can enable: the mesh's own, or the name of a new builtin CA when it has none. */
    public List<String> enableChoices() {
        MeshRow mesh = selected.get();
        if (mesh == null) {
            return List.of();
        }
        return mesh.backends().isEmpty()
                ? List.of(mesh.freeBackendName())
                : mesh.backends().stream().map(MeshRow.Backend::name).toList();
    }

    /** Whether {@code backend} is one the selected mesh has yet (otherwise turning mTLS on creates it). */
    public boolean existingBackend(String backend) {
        MeshRow mesh = selected.get();
        return mesh != null && mesh.backends().stream().anyMatch(b -> b.name().equals(backend));
    }

    @Override
    public void activated() {
        load(true);
    }

    /** A mesh changed (mTLS on or off elsewhere): show it as it is, keeping the selection and what was typed. */
    @Override
    public void follow(Capability runtime) {
        if (runtime == Capability.MESH && !busy.get()) {
            load(false);
        }
    }

    /** A mesh's name (the palette's entry): selects that mesh, now or once it is loaded. */
    @Override
    public void show(String what) {
        wanted = what;
        meshes.stream().filter(m -> m.name().equals(what)).findFirst().ifPresent(selected::set);
    }

    /** Command: load the meshes and what the control plane allows again. */
    public void reload() {
        load(true);
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
                "meshes",
                () -> repository
                        .get()
                        .meshes()
                        .thenApply(list -> list.stream()
                                .map(MeshRow::of)
                                .sorted(Comparator.comparing(MeshRow::name, NaturalOrder.INSTANCE))
                                .toList()),
                rows -> {
                    loading.set(false);
                    loadError.set("");
                    if (!meshes.equals(rows)) {
                        meshes.setAll(rows);
                    }
                    String keep = wanted != null
                            ? wanted
                            : selected.get() == null ? null : selected.get().name();
                    wanted = null;
                    MeshRow next = rows.stream()
                            .filter(m -> m.name().equals(keep))
                            .findFirst()
                            .orElse(rows.isEmpty() ? null : rows.get(0));
                    // An unchanged mesh keeps its row, so the form keeps its focus and what was typed.
                    if (!java.util.Objects.equals(next, selected.get())) {
                        selected.set(next);
                    }
                },
                failure -> {
                    loading.set(false);
                    loadError.set(Failures.sentence(messages(), failure));
                });
        tasks.run(
                "capabilities",
                () -> repository.get().capabilities(),
                capabilities -> {
                    readOnly.set(capabilities.readOnly());
                    readOnlyReason.set(
                            capabilities.readOnly()
                                    ? capabilities
                                            .readOnlyReason()
                                            .orElse(messages().get("mesh.readonly.unknown"))
                                    : "");
                },
                // Not knowing means trying: a control plane that refuses the write says so at the form.
                failure -> {
                    readOnly.set(false);
                    readOnlyReason.set("");
                });
    }

    /** Offers what the form's fields most likely hold for a newly selected mesh. */
    private void prefill(MeshRow mesh) {
        if (mesh == null) {
            backendToEnable.set("");
            newBackend.set("");
            return;
        }
        List<String> choices = enableChoices();
        if (!choices.contains(backendToEnable.get())) {
            backendToEnable.set(mesh.enabledBackend().orElse(choices.get(0)));
        }
        newBackend.set(mesh.freeBackendName());
    }

    /**
     * Command: turn mTLS on with the chosen backend. First the engine previews the mesh with mTLS on; the
     * confirmation lists each connection that is allowed now and would be denied, and nothing is applied unless the
     * user confirms.
     */
    public void enableMtls() {
        MeshRow mesh = selected.get();
        Optional<MeshRepository> repository = repository();
        if (mesh == null || repository.isEmpty() || !writable()) {
            return;
        }
        clearErrors();
        String backend =
                backendToEnable.get() == null ? "" : backendToEnable.get().strip();
        if (backend.isEmpty()) {
            enableError.set(messages().get("mesh.backend.required"));
            return;
        }
        ObjectNode next = mesh.withMtlsOn(backend);
        MeshEdit edit = MeshEdit.put(MeshResourceType.MESH, next);
        busy.set(true);
        tasks.run(
                "preview",
                () -> {
                    CompletableFuture<PermissionMatrix> now = repository.get().permissionMatrix(mesh.name());
                    CompletableFuture<PermissionMatrix> after =
                            repository.get().previewMatrix(mesh.name(), List.of(edit));
                    CompletableFuture<Set<String>> reachable =
                            repository.get().dataplanes(mesh.name()).thenApply(MeshesViewModel::inboundServices);
                    return CompletableFuture.allOf(now, after, reachable)
                            .thenApply(done -> new Impact(now.join(), after.join(), reachable.join()));
                },
                preview -> {
                    busy.set(false);
                    impact.setAll(preview.newlyDenied());
                    if (dialogs.confirm(
                            messages().get("mesh.mtls.on.title", mesh.name()),
                            impactMessage(mesh.name(), backend, preview),
                            messages().get("mesh.mtls.on.action"))) {
                        apply(
                                edit,
                                enableError,
                                backendsError,
                                messages().get("mesh.mtls.on.done", mesh.name(), backend));
                    }
                },
                failure -> {
                    busy.set(false);
                    formError.set(messages().get("mesh.preview.failed", Failures.sentence(messages(), failure)));
                });
    }

    /** Command: turn mTLS off after a confirmation (permissions stop being enforced); the backends stay. */
    public void disableMtls() {
        MeshRow mesh = selected.get();
        if (mesh == null || !mesh.mtlsEnabled() || repository().isEmpty() || !writable()) {
            return;
        }
        clearErrors();
        if (dialogs.confirm(
                messages().get("mesh.mtls.off.title", mesh.name()),
                messages().get("mesh.mtls.off.message", mesh.name()),
                messages().get("mesh.mtls.off.action"))) {
            apply(
                    MeshEdit.put(MeshResourceType.MESH, mesh.withMtlsOff()),
                    enableError,
                    backendsError,
                    messages().get("mesh.mtls.off.done", mesh.name()));
        }
    }

    /** Command: add a builtin CA backend with the typed name; mTLS stays as it is. */
    public void addBuiltinBackend() {
        MeshRow mesh = selected.get();
        if (mesh == null || repository().isEmpty() || !writable()) {
            return;
        }
        clearErrors();
        String name = newBackend.get() == null ? "" : newBackend.get().strip();
        if (name.isEmpty()) {
            newBackendError.set(messages().get("mesh.backend.required"));
            return;
        }
        if (existingBackend(name)) {
            newBackendError.set(messages().get("mesh.backend.taken", name));
            return;
        }
        apply(
                MeshEdit.put(MeshResourceType.MESH, mesh.withBuiltinBackend(name)),
                newBackendError,
                newBackendError,
                messages().get("mesh.backend.added", name, mesh.name()));
    }

    private boolean writable() {
        return !readOnly.get() && !busy.get();
    }

    /**
     * Applies {@code edit}; the control plane's reasons about a backend the edit added go to
     * {@code addedBackendField}, those about the backend list as a whole to {@code listField}.
     */
    private void apply(MeshEdit edit, StringProperty addedBackendField, StringProperty listField, String done) {
        Optional<MeshRepository> repository = repository();
        if (repository.isEmpty()) {
            return;
        }
        int existing = selected.get() == null ? 0 : selected.get().backends().size();
        busy.set(true);
        tasks.run(
                "apply",
                () -> repository.get().apply(edit),
                ok -> {
                    busy.set(false);
                    status.set(done);
                    impact.clear();
                    load(false);
                },
                failure -> {
                    busy.set(false);
                    showRefusal(failure, addedBackendField, listField, existing);
                });
    }

    /**
     * Puts each of the control plane's reasons at the field it names: the enabled backend, the backend list (with
     * the action that changed it), an existing backend, or the backend this change added (its index is past the
     * mesh's backends); the rest, and failures without fields, above the form.
     */
    private void showRefusal(
            Throwable failure, StringProperty addedBackendField, StringProperty listField, int existingBackends) {
        Throwable e = UiTasks.unwrap(failure);
        if (!(e instanceof MeshException refusal) || refusal.fieldErrors().isEmpty()) {
            formError.set(Failures.sentence(messages(), failure));
            return;
        }
        List<String> elsewhere = new ArrayList<>();
        for (Map.Entry<String, String> error : refusal.fieldErrors().entrySet()) {
            String field = error.getKey();
            Matcher index = BACKEND_INDEX.matcher(field);
            if (field.startsWith("mtls.enabledBackend")) {
                append(enableError, error.getValue());
            } else if (index.find() && Integer.parseInt(index.group(1)) >= existingBackends) {
                append(addedBackendField, error.getValue());
            } else if (field.equals("mtls.backends")) {
                append(listField, error.getValue());
            } else if (field.startsWith("mtls.backends")) {
                append(backendsError, error.getValue());
            } else {
                elsewhere.add(field + ": " + error.getValue());
            }
        }
        if (!elsewhere.isEmpty()) {
            formError.set(refusal.getMessage() + " (" + String.join("; ", elsewhere) + ")");
        }
    }

    private static void append(StringProperty field, String reason) {
        field.set(field.get().isEmpty() ? reason : field.get() + "; " + reason);
    }

    private void clearErrors() {
        enableError.set("");
        backendsError.set("");
        newBackendError.set("");
        formError.set("");
    }

    /**
     * The services some data plane offers on an inbound. Only these can be connected to through the mesh: a
     * gateway's service has no inbound, so "demo-app → gateway" is no connection anyone would miss.
     */
    private static Set<String> inboundServices(List<ObjectNode> overviews) {
        Set<String> services = new HashSet<>();
        for (ObjectNode overview : overviews) {
            JsonNode dataplane = overview.has("dataplane") ? overview.path("dataplane") : overview;
            for (JsonNode inbound : dataplane.path("networking").path("inbound")) {
                String service = inbound.path("tags").path("kuma.io/service").asText("");
                if (!service.isEmpty()) {
                    services.add(service);
                }
            }
        }
        return services;
    }

    /** The matrix now and as previewed with the change, and the services connections can reach. */
    record Impact(PermissionMatrix now, PermissionMatrix after, Set<String> reachable) {

        /** Connections (to a service some inbound offers) allowed now that the change would deny. */
        List<ServiceAccess> newlyDenied() {
            List<ServiceAccess> denied = new ArrayList<>();
            for (ServiceAccess pair : after.pairs()) {
                if (!reachable.contains(pair.destination())) {
                    continue;
                }
                boolean allowedNow = now.pair(pair.source(), pair.destination())
                        .map(ServiceAccess::allowed)
                        .orElse(true);
                if (!pair.allowed() && allowedNow) {
                    denied.add(pair);
                }
            }
            return List.copyOf(denied);
        }

        /** Connections that would be allowed only by an allow-all policy. */
        long allowedByAllowAll() {
            return after.pairs().stream()
                    .filter(p -> reachable.contains(p.destination()))
                    .filter(p -> p.access() == ServiceAccess.Access.ALLOWED_BY_ALLOW_ALL)
                    .count();
        }
    }

    /** The confirmation's text: what turning mTLS on does, and the connections it would deny, by name. */
    private String impactMessage(String mesh, String backend, Impact preview) {
        List<ServiceAccess> denied = preview.newlyDenied();
        StringBuilder text = new StringBuilder(messages().get("mesh.mtls.on.message", mesh, backend));
        text.append("\n\n");
        if (denied.isEmpty()) {
            text.append(messages().get("mesh.impact.none"));
            if (preview.allowedByAllowAll() > 0) {
                text.append(' ').append(messages().get("mesh.impact.allowall", preview.allowedByAllowAll()));
            }
        } else {
            text.append(messages().get("mesh.impact.denied", denied.size()));
            for (ServiceAccess pair : denied.stream().limit(LISTED_PAIRS).toList()) {
                text.append("\n\u2022 ")
                        .append(pair.source())
                        .append(" \u2192 ")
                        .append(pair.destination());
            }
            if (denied.size() > LISTED_PAIRS) {
                text.append("\n").append(messages().get("mesh.impact.more", denied.size() - LISTED_PAIRS));
            }
        }
        text.append("\n\n").append(messages().get("mesh.impact.source"));
        return text.toString();
    }
}
