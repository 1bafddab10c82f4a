package dev.gatehouse.app.meshpolicy.lockdown;

import dev.gatehouse.app.repository.mesh.PolicyRef;
import java.util.Optional;

/** An observed pair the proposal writes no permission for, why, and the policy that already allows it if any. */
public record SkippedPair(ObservedPair pair, Reason reason, Optional<PolicyRef> policy, String sentence) {

    /** Why no permission is proposed. */
    public enum Reason {
        /** A policy other than an allow-all allows it already, and keeps doing so after the lock-down. */
        ALREADY_ALLOWED,
        /** Traffic into the delegated gateway: it arrives at the gateway's own proxy, which no permission guards. */
        ENTRY_TRAFFIC,
        /** The source or destination is not a service of the mesh (no data plane has it): no permission can name it. */
        NOT_A_SERVICE,
        /** Every hop seen was denied: lock-down narrows what passes today, it does not allow what is denied. */
        ONLY_DENIED
    }
}
