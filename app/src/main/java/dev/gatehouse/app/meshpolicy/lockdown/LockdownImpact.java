package dev.gatehouse.app.meshpolicy.lockdown;

import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.List;

/**
 * The lock-down replayed through the console's permission engine before anything is written: every observed pair
 * against the current policies plus the proposed ones minus allow-all ({@code after}), and against the state between
 * the two steps, permissions created but allow-all still there ({@code between}).
 *
 * @param deniedObserved observed pairs denied after the lock-down, each explained (an explicit Deny the proposal
 *     does not override, a pair denied today already, traffic no permission can name)
 * @param deniedBetween observed pairs allowed today that the first step alone would deny: then the safe order is
 *     not safe, and the UI must not offer to apply
 * @param willBeDenied pairs allowed today, not seen in the window, that the lock-down denies: its purpose
 */
public record LockdownImpact(
        List<DeniedPair> deniedObserved,
        List<DeniedPair> deniedBetween,
        List<ServiceAccess> willBeDenied,
        String sentence,
        PermissionMatrix before,
        PermissionMatrix after) {

    public LockdownImpact {
        deniedObserved = List.copyOf(deniedObserved);
        deniedBetween = List.copyOf(deniedBetween);
        willBeDenied = List.copyOf(willBeDenied);
    }

    /**
     * Whether no observed traffic that passes today fails at any point of the lock-down: the denied observed pairs
     * left are each explained and were denied (or unguarded) before as well. The UI offers to apply only then.
     */
    public boolean keepsObservedTraffic() {
        return deniedBetween.isEmpty() && deniedObserved.stream().noneMatch(DeniedPair::lost);
    }
}
