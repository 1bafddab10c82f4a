package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.concurrent.BackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.meshpolicy.EditHistory;
import dev.gatehouse.app.meshpolicy.EditHistoryException;
import dev.gatehouse.app.meshpolicy.Phrases;
import dev.gatehouse.app.meshpolicy.lockdown.DeniedPair;
import dev.gatehouse.app.meshpolicy.lockdown.LockdownApplier;
import dev.gatehouse.app.meshpolicy.lockdown.LockdownImpact;
import dev.gatehouse.app.meshpolicy.lockdown.LockdownProposal;
import dev.gatehouse.app.meshpolicy.lockdown.LockdownProposer;
import dev.gatehouse.app.meshpolicy.lockdown.LockdownReplay;
import dev.gatehouse.app.meshpolicy.lockdown.ObservedTraffic;
import dev.gatehouse.app.meshpolicy.lockdown.ProposedPermission;
import dev.gatehouse.app.meshpolicy.lockdown.RolloutStep;
import dev.gatehouse.app.meshpolicy.lockdown.RolloutTimeoutException;
import dev.gatehouse.app.meshpolicy.lockdown.SkippedPair;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The graph's "Lock-down from observed traffic" panel: the user picks the window, the panel proposes least-privilege
 * permissions from the live traffic of that window (drawn as proposed edges), shows the replay (observed pairs that
 * would be denied, each explained, and the unobserved pairs that will be), applies it in the safe order and undoes
 * it with one click through the graph's {@link EditHistory}. Methods and properties belong to the UI thread; the
 * traffic is read there (a snapshot of the feed's ring) and everything else runs in the background.
 */
public final class LockdownViewModel {

    /** Where the lock-down stands. */
    public enum Stage {
        IDLE,
        PROPOSING,
        /** A proposal and its replay are shown. */
        PROPOSED,
        APPLYING,
        APPLIED,
        /** The last step failed; {@link #errorProperty()} says why. */
        FAILED
    }

    /** One proposed edge of the graph: a pair the lock-down allows, and the permission that allows it. */
    public record ProposedEdge(String mesh, String source, String destination, PolicyRef policy) {}

    /** The window a proposal starts with, in minutes. */
    static final int DEFAULT_WINDOW_MINUTES = 15;

    private final MeshRepository repository;
    private final EditHistory history;
    private final LockdownApplier applier;
    private final TrafficFeed feed;
    private final BackgroundExecutor background;
    private final UiExecutor ui;
    private final LongSupplier nanoClock;
    private final Messages messages;
    private final Phrases phrases;
    private final UiTasks tasks;
    private final IntegerProperty windowMinutes =
            new SimpleIntegerProperty(this, "windowMinutes", DEFAULT_WINDOW_MINUTES);
    private final ReadOnlyObjectWrapper<Stage> stage = new ReadOnlyObjectWrapper<>(this, "stage", Stage.IDLE);
    private final ReadOnlyObjectWrapper<LockdownProposal> proposal = new ReadOnlyObjectWrapper<>(this, "proposal");
    private final ReadOnlyObjectWrapper<LockdownImpact> impact = new ReadOnlyObjectWrapper<>(this, "impact");
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(this, "canApply");
    private final ReadOnlyStringWrapper applyHint = new ReadOnlyStringWrapper(this, "applyHint", "");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ObservableList<ProposedEdge> proposedEdges = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<String> willBeDenied = FXCollections.observableArrayList();
    private final ObservableList<String> denied = FXCollections.observableArrayList();
    private final ObservableList<String> progress = FXCollections.observableArrayList();
    /** The description of the lock-down this model applied, while it is the history's last change. */
    private String applied;

    /**
     * @param applier applies through {@code history}, the one the graph's undo and history list use
     * @param nanoClock the clock of {@link TrafficEvent#receivedNanos()} ({@code System::nanoTime})
     */
    public LockdownViewModel(
            MeshRepository repository,
            EditHistory history,
            LockdownApplier applier,
            TrafficFeed feed,
            BackgroundExecutor background,
            UiExecutor ui,
            LongSupplier nanoClock,
            Messages messages) {
        this.repository = repository;
        this.history = history;
        this.applier = applier;
        this.feed = feed;
        this.background = background;
        this.ui = ui;
        this.nanoClock = nanoClock;
        this.messages = messages;
        this.phrases = new Phrases(messages);
        this.tasks = new UiTasks(ui);
        applyHint.set(messages.get("topology.lockdown.apply.hint.propose"));
        // The graph's undo and redo move the same history: the panel follows what they did to the lock-down.
        history.addListener(this::historyChanged);
    }

    /** The window N, in minutes, whose traffic the proposal is made from. */
    public IntegerProperty windowMinutesProperty() {
        return windowMinutes;
    }

    public ReadOnlyObjectProperty<Stage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LockdownProposal> proposalProperty() {
        return proposal.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LockdownImpact> impactProperty() {
        return impact.getReadOnlyProperty();
    }

    /** Whether applying is offered: a proposal with something to do whose replay denies no observed pair. */
    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    /** Why Apply is off, in words; "" when it is on. */
    public ReadOnlyStringProperty applyHintProperty() {
        return applyHint.getReadOnlyProperty();
    }

    /** Whether the applied lock-down is the history's last change, so that one undo restores what was before it. */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    /** The proposal, its replay, or how the data planes were waited for, in words. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Why the last step failed; "" otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The pairs the proposal allows, for the graph to draw as proposed edges. */
    public ObservableList<ProposedEdge> proposedEdges() {
        return proposedEdges;
    }

    /** One sentence per observed pair the proposal leaves out (and the replay does not list as denied), with why. */
    public ObservableList<String> notes() {
        return notes;
    }

    /**
     * The impact preview: one sentence per observed pair the replay finds denied after the lock-down or between its
     * steps, each explained; empty when no observed request will be denied.
     */
    public ObservableList<String> denied() {
        return denied;
    }

    /** The rollout so far, one sentence per step of the safe order reached, the outcome last. */
    public ObservableList<String> progress() {
        return progress;
    }

    /** The pairs allowed today, not seen in the window, that the lock-down denies ("will be denied"). */
    public ObservableList<String> willBeDenied() {
        return willBeDenied;
    }

    /** Proposes a lock-down of {@code mesh} from the traffic of the last {@link #windowMinutesProperty()} minutes. */
    public void propose(String mesh) {
        List<TrafficEvent> events = feed.snapshot(); // the ring belongs to this thread; the rest runs elsewhere
        long now = nanoClock.getAsLong();
        Duration window = Duration.ofMinutes(Math.max(1, windowMinutes.get()));
        applied = null; // a new proposal moves on; the earlier lock-down stays in the graph's history
        clear();
        stage.set(Stage.PROPOSING);
        LockdownProposer proposer = new LockdownProposer(repository, messages);
        LockdownReplay replay = new LockdownReplay(repository, messages);
        tasks.run(
                "lockdown",
                () -> background
                        .submit(() -> ObservedTraffic.pairs(events, mesh, window, now))
                        .thenCompose(pairs -> proposer.propose(mesh, pairs))
                        .thenCompose(made -> replay.impact(made).thenApply(replayed -> new Proposed(made, replayed))),
                this::show,
                this::failed);
    }

    /** Applies the shown proposal: permissions, wait for the data planes, then allow-all removed. */
    public void apply() {
        LockdownProposal shown = proposal.get();
        if (shown == null || !canApply.get()) {
            return;
        }
        stage.set(Stage.APPLYING);
        canApply.set(false);
        applyHint.set(messages.get("topology.lockdown.apply.hint.applying"));
        error.set("");
        progress.clear();
        tasks.run(
                "lockdown",
                () -> applier.apply(shown, step -> ui.execute(() -> stepReached(shown, step))),
                rollout -> {
                    stage.set(Stage.APPLIED);
                    summary.set(rollout.sentence());
                    progress.add(messages.get("topology.lockdown.step.done", rollout.sentence()));
                    // They are real allow edges now, drawn from the control plane's notification.
                    proposedEdges.clear();
                    applied = shown.change().description();
                    applyHint.set(messages.get("topology.lockdown.apply.hint.applied"));
                    historyChanged();
                },
                this::failed);
    }

    private void stepReached(LockdownProposal shown, RolloutStep step) {
        if (stage.get() != Stage.APPLYING || proposal.get() != shown) {
            return; // a redo from the graph's history passes the gate again; the panel has moved on
        }
        progress.add(
                switch (step) {
                    case CREATING ->
                        messages.get(
                                "topology.lockdown.step.creating",
                                shown.permissions().size());
                    case WAITING -> messages.get("topology.lockdown.step.waiting");
                    case REMOVING ->
                        messages.get(
                                "topology.lockdown.step.removing",
                                String.join(
                                        ", ",
                                        shown.allowAll().stream()
                                                .map(phrases::policy)
                                                .toList()));
                });
    }

    /** Drops a proposal not applied (the panel closed, or the user discarded it): its edges leave the graph. */
    public void discardProposal() {
        Stage now = stage.get();
        if (now == Stage.PROPOSING || now == Stage.PROPOSED || now == Stage.FAILED && applied == null) {
            tasks.dropPending();
            clear();
            stage.set(Stage.IDLE);
        }
    }

    /** Restores the policies before the lock-down in one step (the history's undo of it). */
    public void undo() {
        if (!canUndo.get()) {
            return;
        }
        canUndo.set(false);
        tasks.run(
                "lockdown",
                history::undo,
                done -> {
                    applied = null;
                    clear();
                    stage.set(Stage.IDLE);
                    summary.set(messages.get("topology.lockdown.undone"));
                },
                this::failed);
    }

    /**
     * The history moved: Undo is offered while the lock-down is its last change; undone from the graph instead, the
     * panel goes back to the start.
     */
    private void historyChanged() {
        Optional<String> last = history.undoDescription();
        boolean ours = applied != null && last.isPresent() && last.get().equals(applied);
        canUndo.set(ours && stage.get() == Stage.APPLIED);
        if (applied != null
                && stage.get() == Stage.APPLIED
                && !ours
                && history.redoDescription().map(applied::equals).orElse(false)) {
            applied = null;
            clear();
            stage.set(Stage.IDLE);
            summary.set(messages.get("topology.lockdown.undone"));
        }
    }

    private record Proposed(LockdownProposal proposal, LockdownImpact impact) {}

    private void show(Proposed shown) {
        LockdownProposal made = shown.proposal();
        LockdownImpact replayed = shown.impact();
        proposal.set(made);
        impact.set(replayed);
        List<ProposedEdge> edges = new ArrayList<>();
        for (ProposedPermission permission : made.permissions()) {
            permission
                    .sources()
                    .forEach(source -> edges.add(
                            new ProposedEdge(made.mesh(), source, permission.destination(), permission.ref())));
        }
        proposedEdges.setAll(edges);
        List<String> lines = new ArrayList<>();
        replayed.deniedObserved().stream().map(DeniedPair::explanation).forEach(lines::add);
        replayed.deniedBetween().stream().map(DeniedPair::explanation).forEach(lines::add);
        denied.setAll(lines.stream().distinct().toList());
        notes.setAll(made.skipped().stream()
                .map(SkippedPair::sentence)
                .filter(sentence -> !denied.contains(sentence))
                .distinct()
                .toList());
        willBeDenied.setAll(replayed.willBeDenied().stream().map(phrases::pair).toList());
        summary.set(made.sentence() + " " + replayed.sentence());
        canApply.set(!made.empty() && replayed.keepsObservedTraffic());
        applyHint.set(
                canApply.get()
                        ? ""
                        : made.empty()
                                ? messages.get("topology.lockdown.apply.hint.empty")
                                : messages.get("topology.lockdown.apply.hint.denied"));
        stage.set(Stage.PROPOSED);
    }

    private void failed(Throwable failure) {
        Throwable cause = UiTasks.unwrap(failure);
        stage.set(Stage.FAILED);
        canApply.set(false);
        applyHint.set(messages.get("topology.lockdown.apply.hint.failed"));
        // These already say what happened and what was kept; the others are the control plane's or the network's.
        error.set(
                cause instanceof RolloutTimeoutException || cause instanceof EditHistoryException
                        ? cause.getMessage()
                        : Failures.sentence(messages, cause));
        historyChanged();
    }

    private void clear() {
        proposal.set(null);
        impact.set(null);
        proposedEdges.clear();
        notes.clear();
        denied.clear();
        progress.clear();
        willBeDenied.clear();
        summary.set("");
        error.set("");
        canApply.set(false);
        canUndo.set(false);
        applyHint.set(messages.get("topology.lockdown.apply.hint.propose"));
    }
}
