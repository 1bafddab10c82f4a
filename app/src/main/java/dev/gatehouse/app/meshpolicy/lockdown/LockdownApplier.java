package dev.gatehouse.app.meshpolicy.lockdown;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.meshpolicy.EditGate;
import dev.gatehouse.app.meshpolicy.EditHistory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Applies a lock-down in the order that fails no request: create the permissions, wait until the data planes have
 * them ({@link RolloutWait}), then remove allow-all. It is one change of the {@link EditHistory}, so one undo
 * restores the previous policy set: the inverses run in reverse order, allow-all first, then the permissions go. If
 * the wait fails (timeout, control plane down) the history rolls the created permissions back and allow-all stays.
 */
public final class LockdownApplier {

    private final EditHistory history;
    private final RolloutWait rollout;
    private final Messages messages;

    public LockdownApplier(EditHistory history, RolloutWait rollout, Messages messages) {
        this.history = history;
        this.rollout = rollout;
        this.messages = messages;
    }

    /** Applies {@code proposal}; completes with how the data planes were waited for. */
    public CompletableFuture<Rollout> apply(LockdownProposal proposal) {
        return apply(proposal, step -> {});
    }

    /**
     * Applies {@code proposal}, telling {@code progress} each step of the safe order as it starts (on the thread that
     * reaches it, not the UI thread). A redo of the change passes the same gate, and so reports its steps again.
     */
    public CompletableFuture<Rollout> apply(LockdownProposal proposal, Consumer<RolloutStep> progress) {
        int firstRemoval = proposal.creations().size();
        AtomicReference<Rollout> waited = new AtomicReference<>();
        EditGate gate = (index, edit) -> {
            if (index == firstRemoval) {
                progress.accept(RolloutStep.WAITING);
                return rollout.until(proposal).thenAccept(done -> {
                    waited.set(done);
                    progress.accept(RolloutStep.REMOVING);
                });
            }
            if (index == 0) {
                progress.accept(RolloutStep.CREATING);
            }
            return CompletableFuture.completedFuture(null);
        };
        return history.apply(proposal.change(), gate).thenApply(done -> {
            Rollout result = waited.get();
            // Without an allow-all there is nothing whose removal could deny a request, so nothing to wait for.
            return result != null
                    ? result
                    : new Rollout(false, List.of(), List.of(), messages.get("meshpolicy.lockdown.rollout.nothing"));
        });
    }
}
