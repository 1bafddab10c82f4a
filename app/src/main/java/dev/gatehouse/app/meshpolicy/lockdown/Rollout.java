package dev.gatehouse.app.meshpolicy.lockdown;

import java.util.List;

/**
 * How the lock-down knew the data planes had the new permissions before it removed allow-all.
 *
 * @param inspected true when the control plane's inspection showed every new permission on every destination data
 *     plane; false when it offers none and the settle time was waited instead
 * @param dataplanes the data planes whose inspection was waited for
 * @param uninspected destinations without a data plane inbound to inspect (a delegated gateway)
 */
public record Rollout(boolean inspected, List<String> dataplanes, List<String> uninspected, String sentence) {

    public Rollout {
        dataplanes = List.copyOf(dataplanes);
        uninspected = List.copyOf(uninspected);
    }
}
