package dev.gatehouse.app.meshpolicy.lockdown;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.meshpolicy.EditGate;
import dev.gatehouse.app.meshpolicy.EditHistory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

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
        int firstRemoval = proposal.creations().size();
        AtomicReference<Rollout> waited = new AtomicReference<>();
        EditGate gate = (index, edit) -> index == firstRemoval
                ? rollout.until(proposal).thenAccept(waited::set)
                : CompletableFuture.completedFuture(null);
        return history.apply(proposal.change(), gate).thenApply(done -> {
            Rollout result = waited.get();
            // Without an allow-all there is nothing whose removal could deny a request, so nothing to wait for.
            return result != null
                    ? result
                    : new Rollout(false, List.of(), List.of(), messages.get("meshpolicy.lockdown.rollout.nothing"));
        });
    }
}
