package dev.gatehouse.gateway.plugin.prometheus;

import dev.gatehouse.gateway.proxy.server.ConnectionStats;
import dev.gatehouse.gateway.store.Snapshot;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the exporter reads of the running gateway at each scrape, filled in by the composition: the node id, the
 * proxy's connection counters (null while the proxy is off), whether the store answers, the upstream targets' health
 * and the current configuration (to know which prometheus instances are enabled).
 */
public record NodeFacts(
        String nodeId,
        Supplier<ConnectionStats> connections,
        BooleanSupplier datastoreReachable,
        Supplier<List<TargetHealth>> targets,
        Supplier<Snapshot> snapshot) {}
