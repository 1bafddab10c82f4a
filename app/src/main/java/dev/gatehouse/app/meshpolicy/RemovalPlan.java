package dev.gatehouse.app.meshpolicy;

import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.List;
import java.util.Optional;

/**
 * What "remove this permission" for {@code source} → {@code destination} can do: delete the deciding policy (with
 * its impact), and when that policy also allows other pairs, narrow it instead (edits checked with the preview
 * matrix: they stop this pair and change nothing else). The sentence explains the choice; both options are empty
 * when there is nothing to remove (already denied, mTLS off).
 */
public record RemovalPlan(
        String source,
        String destination,
        Optional<PolicyRef> policy,
        List<ServiceAccess> otherPairs,
        Optional<Option> delete,
        Optional<Option> narrow,
        String sentence) {

    /** One way to remove the pair: the change to hand to {@link EditHistory#apply}, and its impact. */
    public record Option(PolicyChange change, PermissionImpact impact) {}

    public RemovalPlan {
        otherPairs = List.copyOf(otherPairs);
    }

    /** Whether the deciding policy allows nothing but this pair: deleting it is the whole answer. */
    public boolean coversOnlyThePair() {
        return policy.isPresent() && otherPairs.isEmpty();
    }
}
