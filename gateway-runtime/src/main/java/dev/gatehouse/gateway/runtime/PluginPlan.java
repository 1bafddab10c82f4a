package dev.gatehouse.gateway.runtime;

import java.util.List;

/**
 * The plugins that can run for one route (or, for unrouted requests, the global ones), in Kong's execution order:
 * descending priority, ties by name. Built once per configuration version and shared by every request on the route.
 */
public final class PluginPlan {

    static final PluginPlan EMPTY = new PluginPlan(List.of());

    private final PlanEntry[] entries;
    private final boolean readsBody;
    private final boolean hasLog;

    PluginPlan(List<PlanEntry> entries) {
        this.entries = entries.toArray(PlanEntry[]::new);
        boolean body = false;
        boolean log = false;
        for (PlanEntry e : entries) {
            for (PlannedHandler h : e.all()) {
                body |= h.readsRequestBody();
                log |= h.log();
            }
        }
        this.readsBody = body;
        this.hasLog = log;
    }

    /** The entries in execution order. */
    public PlanEntry[] entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.length == 0;
    }

    /** True when some access handler may read the request body, so the proxy buffers small bodies first. */
    public boolean readsBody() {
        return readsBody;
    }

    /** True when some handler may run in the log phase (the proxy then captures the request for it). */
    public boolean hasLog() {
        return hasLog;
    }
}
