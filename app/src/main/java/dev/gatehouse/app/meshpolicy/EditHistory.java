package dev.gatehouse.app.meshpolicy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The changes made to a control plane from the console, with undo and redo. Applying a change records, edit by
 * edit, the resource before and after it; the inverse of an edit is computed from the state before it (a new
 * resource is deleted, a replaced one put back without its server-managed fields, a deleted one put again). Undo
 * applies the inverse edits in reverse order, redo the edits again; both first check that the resources are still
 * as the history left them, so a change made meanwhile by someone else is never overwritten. A change that fails
 * half-way is rolled back. Calls come from view-models on the UI thread and are done one after another in the order
 * made; the returned futures complete on a repository thread, listeners hear of every change on the UI executor.
 */
public final class EditHistory {

    /** One applied edit and the resource before and after it (empty when absent). */
    private record Step(MeshEdit edit, Optional<ObjectNode> before, Optional<ObjectNode> after) {

        MeshEdit inverse() {
            return before.map(old -> MeshEdit.put(edit.type(), ServerManagedFields.strip(old)))
                    .orElseGet(() -> MeshEdit.delete(edit.type(), edit.mesh(), edit.name()));
        }
    }

    /** A change on the undo or redo stack, with the steps that made it and the gate its edits pass (redo too). */
    private record Done(PolicyChange change, List<Step> steps, EditGate gate) {}

    private final MeshRepository mesh;
    private final Messages messages;
    private final UiExecutor ui;
    private final Clock clock;
    private final Deque<Done> undoStack = new ArrayDeque<>();
    private final Deque<Done> redoStack = new ArrayDeque<>();
    private final List<HistoryEntry> entries = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private int running;
    private long generation;

    public EditHistory(MeshRepository mesh, Messages messages, UiExecutor ui) {
        this(mesh, messages, ui, Clock.systemUTC());
    }

    public EditHistory(MeshRepository mesh, Messages messages, UiExecutor ui, Clock clock) {
        this.mesh = mesh;
        this.messages = messages;
        this.ui = ui;
        this.clock = clock;
    }

    /**
     * Applies {@code change} and records it. On failure the edits already applied are rolled back and the future
     * fails with the control plane's refusal (a {@code MeshException} with its field errors), or with an
     * {@link EditHistoryException} when the roll-back failed too.
     */
    public CompletableFuture<Void> apply(PolicyChange change) {
        return apply(change, EditGate.OPEN);
    }

    /**
     * Applies {@code change} as {@link #apply(PolicyChange)} does, each edit only once {@code gate} lets it through
     * (a lock-down removes allow-all only once the data planes have the new permissions); a redo passes the same
     * gate. A gate that fails stops the change and rolls back the edits already applied.
     */
    public CompletableFuture<Void> apply(PolicyChange change, EditGate gate) {
        return enqueue(started -> applySteps(change.edits(), change.description(), false, gate)
                .thenAccept(steps -> record(started, () -> {
                    undoStack.push(new Done(change, steps, gate));
                    redoStack.clear();
                    entries.add(new HistoryEntry(clock.instant(), HistoryEntry.Kind.APPLIED, change.description()));
                })));
    }

    /** Undoes the last change still applied; fails with an {@link EditHistoryException} saying why it could not. */
    public CompletableFuture<Void> undo() {
        return enqueue(started -> {
            Done done = peek(undoStack);
            if (done == null) {
                return CompletableFuture.failedFuture(
                        new EditHistoryException(messages.get("meshpolicy.undo.nothing")));
            }
            String description = done.change().description();
            List<MeshEdit> inverses = new ArrayList<>();
            for (Step step : done.steps().reversed()) {
                inverses.add(step.inverse());
            }
            return unchangedSince(
                            done.steps(),
                            Step::after,
                            "meshpolicy.undo.changed",
                            "meshpolicy.undo.refused",
                            description)
                    .thenCompose(ok ->
                            // No gate on the way back: the inverses run in reverse order, so a removed allow-all
                            // is back before the permissions that replaced it go, and nothing is denied between.
                            refusedAs(
                                    applySteps(inverses, description, true, EditGate.OPEN),
                                    "meshpolicy.undo.refused",
                                    description))
                    .thenAccept(undone -> record(started, () -> {
                        undoStack.pop();
                        redoStack.push(new Done(done.change(), redoSteps(done.steps(), undone), done.gate()));
                        entries.add(new HistoryEntry(
                                clock.instant(),
                                HistoryEntry.Kind.UNDONE,
                                messages.get("meshpolicy.history.undone", description)));
                    }));
        });
    }

    /** Applies the last undone change again; fails with an {@link EditHistoryException} saying why it could not. */
    public CompletableFuture<Void> redo() {
        return enqueue(started -> {
            Done done = peek(redoStack);
            if (done == null) {
                return CompletableFuture.failedFuture(
                        new EditHistoryException(messages.get("meshpolicy.redo.nothing")));
            }
            String description = done.change().description();
            List<MeshEdit> edits = done.steps().stream().map(Step::edit).toList();
            return unchangedSince(
                            done.steps(),
                            Step::before,
                            "meshpolicy.redo.changed",
                            "meshpolicy.redo.refused",
                            description)
                    .thenCompose(ok -> refusedAs(
                            applySteps(edits, description, true, done.gate()), "meshpolicy.redo.refused", description))
                    .thenAccept(steps -> record(started, () -> {
                        redoStack.pop();
                        undoStack.push(new Done(done.change(), steps, done.gate()));
                        entries.add(new HistoryEntry(
                                clock.instant(),
                                HistoryEntry.Kind.REDONE,
                                messages.get("meshpolicy.history.redone", description)));
                    }));
        });
    }

    public synchronized boolean canUndo() {
        return !undoStack.isEmpty();
    }

    public synchronized boolean canRedo() {
        return !redoStack.isEmpty();
    }

    /** The description of the change an undo would revert, for "Undo …" labels. */
    public synchronized Optional<String> undoDescription() {
        return Optional.ofNullable(undoStack.peek()).map(d -> d.change().description());
    }

    /** The description of the change a redo would apply again. */
    public synchronized Optional<String> redoDescription() {
        return Optional.ofNullable(redoStack.peek()).map(d -> d.change().description());
    }

    /** The history list, oldest first. */
    public synchronized List<HistoryEntry> entries() {
        return List.copyOf(entries);
    }

    /** Whether a change, undo or redo is on its way. */
    public synchronized boolean busy() {
        return running > 0;
    }

    /** Runs {@code listener} on the UI executor after every change to the stacks, the list or {@link #busy()}. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** Forgets everything (the connection changed); calls still on their way are no longer recorded. */
    public void clear() {
        synchronized (this) {
            generation++;
            undoStack.clear();
            redoStack.clear();
            entries.clear();
        }
        fireChanged();
    }

    private synchronized Done peek(Deque<Done> stack) {
        return stack.peek();
    }

    /** Runs {@code operation} after every call made before it, so the stacks are read and written in call order. */
    private CompletableFuture<Void> enqueue(Function<Long, CompletableFuture<Void>> operation) {
        CompletableFuture<Void> result;
        synchronized (this) {
            long started = generation;
            running++;
            result = tail.handle((ignored, failure) -> null).thenCompose(ignored -> {
                try {
                    return operation.apply(started);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            });
            tail = result;
        }
        fireChanged();
        result.whenComplete((ignored, failure) -> {
            synchronized (this) {
                running--;
            }
            fireChanged();
        });
        return result;
    }

    private void record(long started, Runnable update) {
        synchronized (this) {
            if (started != generation) {
                return;
            }
            update.run();
        }
        fireChanged();
    }

    private void fireChanged() {
        ui.execute(() -> listeners.forEach(Runnable::run));
    }

    /**
     * Applies {@code edits} one after another, recording each one's before and after. When one fails the applied
     * ones are reverted in reverse order and the future fails with the refusal; when reverting fails as well, with an
     * {@link EditHistoryException} that says the control plane is left partly changed.
     */
    private CompletableFuture<List<Step>> applySteps(
            List<MeshEdit> edits, String description, boolean historyMove, EditGate gate) {
        List<Step> applied = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < edits.size(); i++) {
            int index = i;
            MeshEdit edit = edits.get(i);
            chain = chain.thenCompose(ignored -> gate.before(index, edit))
                    .thenCompose(ignored -> applyOne(edit))
                    .thenAccept(applied::add);
        }
        return chain.handle((ignored, failure) -> failure).thenCompose(failure -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(List.copyOf(applied));
            }
            if (applied.isEmpty()) {
                return CompletableFuture.failedFuture(UiTasks.unwrap(failure));
            }
            List<MeshEdit> rollBack = new ArrayList<>();
            for (Step step : applied.reversed()) {
                rollBack.add(step.inverse());
            }
            return applyInOrder(rollBack)
                    .handle((rolledBack, rollBackFailure) -> rollBackFailure == null
                            ? CompletableFuture.<List<Step>>failedFuture(UiTasks.unwrap(failure))
                            : CompletableFuture.<List<Step>>failedFuture(new EditHistoryException(
                                    messages.get(
                                            historyMove ? "meshpolicy.history.partly" : "meshpolicy.apply.partly",
                                            description,
                                            Failures.sentence(messages, rollBackFailure)),
                                    UiTasks.unwrap(failure))))
                    .thenCompose(Function.identity());
        });
    }

    private CompletableFuture<Void> applyInOrder(List<MeshEdit> edits) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (MeshEdit edit : edits) {
            chain = chain.thenCompose(ignored -> mesh.apply(edit));
        }
        return chain;
    }

    private CompletableFuture<Step> applyOne(MeshEdit edit) {
        return mesh.find(edit.type(), edit.mesh(), edit.name())
                .thenCompose(before -> mesh.apply(edit)
                        .thenCompose(ignored -> mesh.find(edit.type(), edit.mesh(), edit.name())
                                // The edit is in; if reading it back fails, what was sent is the best record of it.
                                .exceptionally(failure -> edit.resource().map(ObjectNode::deepCopy)))
                        .thenApply(after -> new Step(edit, before, after)));
    }

    /** Completes when every step's resource is still as {@code expected} says, else fails naming the first that is not. */
    private CompletableFuture<Void> unchangedSince(
            List<Step> steps,
            Function<Step, Optional<ObjectNode>> expected,
            String changedKey,
            String refusedKey,
            String description) {
        List<CompletableFuture<Optional<String>>> checks = new ArrayList<>();
        for (Step step : steps) {
            MeshEdit edit = step.edit();
            checks.add(mesh.find(edit.type(), edit.mesh(), edit.name())
                    .thenApply(current -> same(current, expected.apply(step))
                            ? Optional.<String>empty()
                            : Optional.of(edit.type().name() + " " + edit.name())));
        }
        return refusedAs(CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)), refusedKey, description)
                .thenCompose(ignored -> checks.stream()
                        .map(CompletableFuture::join)
                        .flatMap(Optional::stream)
                        .findFirst()
                        .map(resource -> CompletableFuture.<Void>failedFuture(
                                new EditHistoryException(messages.get(changedKey, description, resource))))
                        .orElseGet(() -> CompletableFuture.completedFuture(null)));
    }

    private static boolean same(Optional<ObjectNode> current, Optional<ObjectNode> expected) {
        if (current.isEmpty() || expected.isEmpty()) {
            return current.isEmpty() && expected.isEmpty();
        }
        return ServerManagedFields.sameContent(current.get(), expected.get());
    }

    /** Fails with a sentence for the history when {@code call} fails with anything but such a sentence already. */
    private <T> CompletableFuture<T> refusedAs(CompletableFuture<T> call, String key, String description) {
        return call.handle((value, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(value);
                    }
                    Throwable cause = UiTasks.unwrap(failure);
                    return CompletableFuture.<T>failedFuture(
                            cause instanceof EditHistoryException
                                    ? cause
                                    : new EditHistoryException(
                                            messages.get(key, description, Failures.sentence(messages, cause)), cause));
                })
                .thenCompose(Function.identity());
    }

    /**
     * The steps a redo checks and re-applies: the original edits, each with the state the undo left (its inverse's
     * after) as before, and the state the undo found (its inverse's before) as after.
     */
    private static List<Step> redoSteps(List<Step> original, List<Step> inverses) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < original.size(); i++) {
            Step inverse = inverses.get(original.size() - 1 - i);
            out.add(new Step(original.get(i).edit(), inverse.after(), inverse.before()));
        }
        return out;
    }
}
