package dev.gatehouse.app.pages.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.meshpolicy.EditHistory;
import dev.gatehouse.app.meshpolicy.HistoryEntry;
import dev.gatehouse.app.meshpolicy.PermissionImpact;
import dev.gatehouse.app.meshpolicy.PermissionRemoval;
import dev.gatehouse.app.meshpolicy.PermissionTemplates;
import dev.gatehouse.app.meshpolicy.PolicyChange;
import dev.gatehouse.app.meshpolicy.PolicyChanges;
import dev.gatehouse.app.meshpolicy.RemovalPlan;
import dev.gatehouse.app.meshpolicy.WhatIf;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.policyeditor.PolicyEditorModel;
import dev.gatehouse.app.repository.mesh.MeshCapabilities;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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
 * The graph's editing side panel: a permission draft in the policy editor (from a connect request), removing or
 * denying the selected edge after an impact preview, undo and redo through one {@link EditHistory} per connection,
 * and what-if for any pair. Every write goes through the history, so each can be undone; the graph redraws from the
 * control plane's change notifications, not from here.
 */
public final class GraphEditing {

    /** What the console assumes until the control plane said: writable, MeshTrafficPermission known. */
    static final MeshCapabilities ASSUMED = new MeshCapabilities(false, Optional.empty(), true, List.of());

    private final Messages messages;
    private final Supplier<Optional<MeshRepository>> repository;
    private final UiExecutor ui;
    private final DialogService dialogs;
    private final UiTasks tasks;
    private final PolicyChanges changes;
    private final ObjectProperty<MeshCapabilities> capabilities =
            new SimpleObjectProperty<>(this, "capabilities", ASSUMED);
    private final ObjectProperty<PolicyEditorModel> draft = new SimpleObjectProperty<>(this, "draft");
    private final ObjectProperty<ConnectRequest> draftRequest = new SimpleObjectProperty<>(this, "draftRequest");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty canUndo = new SimpleBooleanProperty(this, "canUndo");
    private final BooleanProperty canRedo = new SimpleBooleanProperty(this, "canRedo");
    private final ObservableList<HistoryEntry> entries = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty whatIfMesh = new SimpleStringProperty(this, "whatIfMesh", "");
    private final StringProperty whatIfSource = new SimpleStringProperty(this, "whatIfSource");
    private final StringProperty whatIfDestination = new SimpleStringProperty(this, "whatIfDestination");
    private final StringProperty whatIfAnswer = new SimpleStringProperty(this, "whatIfAnswer", "");
    private EditHistory history;
    private final ReadOnlyObjectWrapper<EditHistory> historyOfConnection = new ReadOnlyObjectWrapper<>(this, "history");
    private final Runnable historyListener = this::historyChanged;

    GraphEditing(
            Messages messages, Supplier<Optional<MeshRepository>> repository, UiExecutor ui, DialogService dialogs) {
        this.messages = messages;
        this.repository = repository;
        this.ui = ui;
        this.dialogs = dialogs;
        this.tasks = new UiTasks(ui);
        this.changes = new PolicyChanges(messages);
        whatIfSource.addListener((obs, old, now) -> askWhatIf());
        whatIfDestination.addListener((obs, old, now) -> askWhatIf());
    }

    /** The connection's one edit history (null without a mesh): the lock-down applies and undoes through it too. */
    ReadOnlyObjectProperty<EditHistory> historyProperty() {
        return historyOfConnection.getReadOnlyProperty();
    }

    /** Whether the control plane takes writes and knows MeshTrafficPermission. */
    public ObjectProperty<MeshCapabilities> capabilitiesProperty() {
        return capabilities;
    }

    /** The open permission draft, or null. */
    public ObjectProperty<PolicyEditorModel> draftProperty() {
        return draft;
    }

    /** The connection the open draft was made for. */
    public ObjectProperty<ConnectRequest> draftRequestProperty() {
        return draftRequest;
    }

    /** Whether a change, undo or redo is on its way. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanProperty canUndoProperty() {
        return canUndo;
    }

    public BooleanProperty canRedoProperty() {
        return canRedo;
    }

    /** What was done, oldest first ("Allowed gateway → demo-app …", "Undid: …"). */
    public ObservableList<HistoryEntry> entries() {
        return entries;
    }

    /** The outcome of the last action in words (applied, refused, cancelled). */
    public StringProperty statusProperty() {
        return status;
    }

    /** The mesh the what-if asks about. */
    public StringProperty whatIfMeshProperty() {
        return whatIfMesh;
    }

    public StringProperty whatIfSourceProperty() {
        return whatIfSource;
    }

    public StringProperty whatIfDestinationProperty() {
        return whatIfDestination;
    }

    /** The what-if answer in words: allowed or denied, the deciding policy and why. */
    public StringProperty whatIfAnswerProperty() {
        return whatIfAnswer;
    }

    /** Why writes are off, or "" when they are on. */
    public String readOnlyReason() {
        MeshCapabilities caps = capabilities.get();
        return caps.readOnly() ? caps.readOnlyReason().orElse(messages.get("topology.edit.readonly")) : "";
    }

    /** A new connection (or none): forgets the history, the draft and the answers, and reads the capabilities. */
    void connectionChanged() {
        tasks.dropPending();
        if (history != null) {
            history.removeListener(historyListener);
            history.clear();
        }
        history = repository
                .get()
                .map(repo -> new EditHistory(repo, messages, ui))
                .orElse(null);
        if (history != null) {
            history.addListener(historyListener);
        }
        historyOfConnection.set(history);
        historyChanged();
        draft.set(null);
        draftRequest.set(null);
        status.set("");
        whatIfAnswer.set("");
        capabilities.set(ASSUMED);
        repository
                .get()
                .ifPresent(repo -> tasks.run(
                        "capabilities", repo::capabilities, capabilities::set, failure -> capabilities.set(ASSUMED)));
    }

    private void historyChanged() {
        EditHistory h = history;
        entries.setAll(h == null ? List.of() : h.entries());
        canUndo.set(h != null && h.canUndo());
        canRedo.set(h != null && h.canRedo());
        busy.set(h != null && h.busy());
    }

    /** Opens the draft permission for {@code request}: an MTP where the control plane knows it, else a TP. */
    public void open(ConnectRequest request) {
        boolean mtp = capabilities.get().meshTrafficPermission();
        ObjectNode policy = PermissionTemplates.allow(request.mesh(), request.source(), request.destination(), mtp);
        PolicyEditorModel model = new PolicyEditorModel(policy, false, permissionTypes(mtp));
        draftRequest.set(request);
        draft.set(model);
        status.set("");
    }

    private static List<MeshResourceType> permissionTypes(boolean mtp) {
        return mtp
                ? List.of(MeshResourceType.MESH_TRAFFIC_PERMISSION, MeshResourceType.TRAFFIC_PERMISSION)
                : List.of(MeshResourceType.TRAFFIC_PERMISSION);
    }

    /** Drops the draft; nothing is written. */
    public void cancelDraft() {
        draft.set(null);
        draftRequest.set(null);
        status.set(messages.get("topology.edit.cancelled"));
    }

    /**
     * Applies the draft through the history. Nothing is sent while it is invalid or writes are off; a refusal is
     * shown at the fields and lines it names and the draft stays open.
     */
    public void applyDraft() {
        PolicyEditorModel model = draft.get();
        ConnectRequest request = draftRequest.get();
        if (model == null
                || history == null
                || capabilities.get().readOnly()
                || !model.validProperty().get()) {
            return;
        }
        Optional<MeshEdit> edit = model.edit();
        if (edit.isEmpty()) {
            return;
        }
        PolicyChange change = describe(edit.get(), request);
        EditHistory h = history;
        tasks.run(
                "apply",
                () -> h.apply(change),
                ok -> {
                    if (draft.get() == model) {
                        draft.set(null);
                        draftRequest.set(null);
                    }
                    status.set(change.description());
                },
                failure -> {
                    if (UiTasks.unwrap(failure) instanceof MeshException refusal) {
                        model.showServerErrors(refusal.getMessage(), refusal.fieldErrors());
                    } else {
                        model.showGeneralError(Failures.sentence(messages, failure));
                    }
                });
    }

    /** "Allowed a → b (…)" when the draft is still the template's policy, else "Saved …". */
    private PolicyChange describe(MeshEdit edit, ConnectRequest request) {
        if (request != null && edit.resource().isPresent()) {
            PolicyChange allow = changes.allow(
                    request.mesh(),
                    request.source(),
                    request.destination(),
                    edit.type().equals(MeshResourceType.MESH_TRAFFIC_PERMISSION));
            if (allow.edits().equals(List.of(edit))) {
                return allow;
            }
        }
        return new PolicyChange(
                changes.save(edit.type(), edit.resource().orElseThrow()).description(), List.of(edit));
    }

    /**
     * Removes the permission of the selected east-west edge (meshpolicy.PermissionRemoval's plan): deletes its
     * deciding policy when that decides only this pair; else names the other pairs it decides and offers to narrow it
     * instead, and deleting it as a whole when narrowing is declined or impossible. Each confirmation lists the pairs
     * that become denied.
     */
    public void removePermission(TopologySelection.EdgeSelected edge) {
        Optional<MeshRepository> repo = repository.get();
        Optional<ServiceAccess> access = edge.access();
        if (repo.isEmpty()
                || history == null
                || access.isEmpty()
                || capabilities.get().readOnly()) {
            return;
        }
        String source = access.get().source();
        String destination = access.get().destination();
        tasks.run(
                "remove",
                () -> new PermissionRemoval(repo.get(), messages).plan(edge.mesh(), source, destination),
                this::confirmRemoval,
                failure -> status.set(Failures.sentence(messages, failure)));
    }

    private void confirmRemoval(RemovalPlan plan) {
        String title = messages.get("topology.edit.remove.title", pair(plan.source(), plan.destination()));
        if (plan.delete().isEmpty() && plan.narrow().isEmpty()) {
            status.set(plan.sentence());
            return;
        }
        String policy = plan.policy()
                .map(p -> messages.get("meshpolicy.policy", p.type(), p.name()))
                .orElse("");
        if (plan.coversOnlyThePair() && plan.delete().isPresent()) {
            confirmAndApply(
                    title,
                    plan.sentence() + "\n\n" + deniedLines(plan.delete().get().impact()),
                    messages.get("action.delete"),
                    plan.delete().get().change());
            return;
        }
        String covers = plan.otherPairs().isEmpty()
                ? ""
                : messages.get(
                                "topology.edit.remove.covers",
                                policy,
                                plan.otherPairs().size(),
                                pairLines(plan.otherPairs()))
                        + "\n\n";
        if (plan.narrow().isPresent()) {
            RemovalPlan.Option narrow = plan.narrow().get();
            if (dialogs.confirm(
                    title,
                    covers + plan.sentence() + "\n\n" + deniedLines(narrow.impact()),
                    messages.get("topology.edit.remove.narrow.button"))) {
                apply(narrow.change());
                return;
            }
            if (plan.delete().isEmpty()) {
                status.set(messages.get("topology.edit.cancelled"));
                return;
            }
        }
        RemovalPlan.Option delete = plan.delete().orElseThrow();
        confirmAndApply(
                title,
                covers + (plan.narrow().isPresent() ? "" : plan.sentence() + "\n")
                        + messages.get("topology.edit.remove.delete.all", policy) + "\n\n"
                        + deniedLines(delete.impact()),
                messages.get("action.delete"),
                delete.change());
    }

    /**
     * Denies the selected pair (meshpolicy.PermissionRemoval's deny plan: an MTP {@code Deny}, or the narrowing MTP
     * that keeps a TrafficPermission's other clients), after a confirmation with its impact; or says why it cannot.
     */
    public void deny(TopologySelection.EdgeSelected edge) {
        Optional<MeshRepository> repo = repository.get();
        Optional<ServiceAccess> access = edge.access();
        if (repo.isEmpty()
                || history == null
                || access.isEmpty()
                || capabilities.get().readOnly()) {
            return;
        }
        String source = access.get().source();
        String destination = access.get().destination();
        tasks.run(
                "deny",
                () -> new PermissionRemoval(repo.get(), messages).planDeny(edge.mesh(), source, destination),
                plan -> plan.deny()
                        .ifPresentOrElse(
                                deny -> confirmAndApply(
                                        messages.get("topology.edit.deny.title", pair(source, destination)),
                                        deny.change().description() + "\n" + plan.sentence() + "\n\n"
                                                + deniedLines(deny.impact()),
                                        messages.get("topology.edit.deny.button"),
                                        deny.change()),
                                () -> status.set(plan.sentence())),
                failure -> status.set(Failures.sentence(messages, failure)));
    }

    private void confirmAndApply(String title, String message, String label, PolicyChange change) {
        if (!dialogs.confirm(title, message, label)) {
            status.set(messages.get("topology.edit.cancelled"));
            return;
        }
        apply(change);
    }

    private void apply(PolicyChange change) {
        EditHistory h = history;
        if (h == null) {
            return;
        }
        tasks.run(
                "apply",
                () -> h.apply(change),
                ok -> status.set(change.description()),
                failure -> status.set(Failures.sentence(messages, failure)));
    }

    /** Undoes the last change on the control plane (its inverse edits). */
    public void undo() {
        EditHistory h = history;
        if (h == null || !h.canUndo() || capabilities.get().readOnly()) {
            return;
        }
        String what = h.undoDescription().orElse("");
        tasks.run(
                "undo",
                h::undo,
                ok -> status.set(messages.get("meshpolicy.history.undone", what)),
                failure -> status.set(Failures.sentence(messages, failure)));
    }

    /** Applies the last undone change again. */
    public void redo() {
        EditHistory h = history;
        if (h == null || !h.canRedo() || capabilities.get().readOnly()) {
            return;
        }
        String what = h.redoDescription().orElse("");
        tasks.run(
                "redo",
                h::redo,
                ok -> status.set(messages.get("meshpolicy.history.redone", what)),
                failure -> status.set(Failures.sentence(messages, failure)));
    }

    /** Asks the what-if for the picked mesh, source and destination (both picked, and different). */
    public void askWhatIf() {
        String mesh = whatIfMesh.get();
        String source = whatIfSource.get();
        String destination = whatIfDestination.get();
        Optional<MeshRepository> repo = repository.get();
        if (repo.isEmpty() || blank(mesh) || blank(source) || blank(destination)) {
            whatIfAnswer.set("");
            return;
        }
        tasks.run(
                "whatif",
                () -> new WhatIf(repo.get(), messages).ask(mesh, source, destination),
                answer -> whatIfAnswer.set(
                        messages.get("topology.whatif.answer", pair(source, destination), answer.sentence())),
                failure -> whatIfAnswer.set(Failures.sentence(messages, failure)));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private String pair(String source, String destination) {
        return messages.get("meshpolicy.pair", source, destination);
    }

    private String pair(ServiceAccess access) {
        return pair(access.source(), access.destination());
    }

    private String pairLines(List<ServiceAccess> pairs) {
        StringBuilder lines = new StringBuilder();
        pairs.stream().limit(20).forEach(p -> lines.append("\n  ").append(pair(p)));
        if (pairs.size() > 20) {
            lines.append("\n  ").append(messages.get("topology.edit.more", pairs.size() - 20));
        }
        return lines.toString();
    }

    /** "These pairs lose access:" with one pair a line, or that none does. */
    private String deniedLines(PermissionImpact impact) {
        return impact.newlyDenied().isEmpty()
                ? messages.get("topology.edit.impact.none")
                : messages.get("topology.edit.impact", impact.newlyDenied().size(), pairLines(impact.newlyDenied()));
    }
}
