package dev.gatehouse.gateway.upstream;

import dev.gatehouse.gateway.proxy.Balancer;
import dev.gatehouse.gateway.proxy.UpstreamTarget;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.StoredEntity;
import dev.gatehouse.gateway.upstream.balance.Member;
import dev.gatehouse.gateway.upstream.balance.UpstreamBalancer;
import dev.gatehouse.gateway.upstream.health.ActiveChecker;
import dev.gatehouse.gateway.upstream.health.HealthConfig;
import dev.gatehouse.gateway.upstream.health.TargetHealth;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's upstreams at run time: a balancer per upstream, rebuilt with each configuration, while each
 * target's health outlives rebuilds (keyed by upstream id and target) and active checks restart only when an
 * upstream or its targets change. Probes run on one event loop of their own, never on the proxy's.
 */
public final class Upstreams implements AutoCloseable {

    private final EventLoopGroup probes =
            new NioEventLoopGroup(1, new DefaultThreadFactory("gatehouse-healthcheck", true));
    private final Map<String, TargetHealth> health = new ConcurrentHashMap<>();
    /** Replaced whole after each update, so that the health endpoints never see a half-built map. */
    private volatile Map<String, Built> built = Map.of();

    /** An upstream as last built: the stored bodies it came from, its balancer and its active checker. */
    private record Built(String signature, UpstreamBalancer balancer, ActiveChecker checker, HealthConfig config) {}

    /** The balancers by upstream name (what a service's host is compared with), after a configuration change. */
    public synchronized Map<String, Balancer> update(Snapshot snapshot) {
        List<StoredEntity> upstreams = snapshot.list("upstreams");
        Map<String, List<StoredEntity>> targets = new HashMap<>();
        for (StoredEntity t : snapshot.list("targets")) {
            String uid = t.body().path("upstream").path("id").asText(null);
            targets.computeIfAbsent(uid, k -> new ArrayList<>()).add(t);
        }
        Map<String, Balancer> byName = new HashMap<>();
        Map<String, Built> next = new HashMap<>();
        java.util.Set<String> live = new java.util.HashSet<>();
        for (StoredEntity u : upstreams) {
            List<StoredEntity> ts = targets.getOrDefault(u.id(), List.of());
            ts.forEach(t -> live.add(u.id() + "|" + t.body().path("target").asText()));
            String signature = u.body().toString()
                    + ts.stream().map(t -> t.body().toString()).toList();
            Built b = built.get(u.id());
            if (b == null || !b.signature().equals(signature)) {
                if (b != null && b.checker() != null) {
                    b.checker().close();
                }
                b = build(u, ts, signature);
            }
            next.put(u.id(), b);
            byName.put(u.body().path("name").asText(), b.balancer());
        }
        for (Map.Entry<String, Built> e : built.entrySet()) {
            if (!next.containsKey(e.getKey()) && e.getValue().checker() != null) {
                e.getValue().checker().close();
            }
        }
        built = Map.copyOf(next);
        health.keySet().retainAll(live); // a deleted target's health goes with it; re-added, it starts healthy
        return byName;
    }

    private Built build(StoredEntity u, List<StoredEntity> ts, String signature) {
        HealthConfig config = HealthConfig.parse(u.body().path("healthchecks"));
        List<Member> members = new ArrayList<>();
        List<ActiveChecker.Probe> probeList = new ArrayList<>();
        // Kong sorts targets by creation, then id (kong/db/dao/targets.lua sort_targets)
        List<StoredEntity> sorted = new ArrayList<>(ts);
        sorted.sort((a, b) -> {
            int c = Double.compare(
                    a.body().path("created_at").asDouble(),
                    b.body().path("created_at").asDouble());
            return c != 0 ? c : a.id().compareTo(b.id());
        });
        for (StoredEntity t : sorted) {
            String target = t.body().path("target").asText();
            int colon = target.lastIndexOf(':');
            String host = target.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = Integer.parseInt(target.substring(colon + 1));
            TargetHealth h = health.computeIfAbsent(u.id() + "|" + target, k -> new TargetHealth());
            // the scheme is the service's; the balancer's targets carry http, and the proxy sets the scheme
            members.add(new Member(
                    new UpstreamTarget("http", host, port),
                    t.body().path("weight").asInt(100),
                    h));
            if (t.body().path("weight").asInt(100) > 0) {
                probeList.add(new ActiveChecker.Probe(host, port, h));
            }
        }
        ActiveChecker checker = null;
        if (config.active().enabled() && !probeList.isEmpty()) {
            checker = new ActiveChecker(probes, config.active(), probeList);
            checker.start();
        }
        return new Built(signature, new UpstreamBalancer(u.body(), members, config), checker, config);
    }

    /** The health Kong's {@code /upstreams/{u}/health} shows for a target, or null when the target is unknown. */
    public String health(String upstreamId, String target) {
        Built b = built.get(upstreamId);
        TargetHealth h = health.get(upstreamId + "|" + target);
        if (b == null || h == null) {
            return null;
        }
        if (!b.config().enabled()) {
            return "HEALTHCHECKS_OFF";
        }
        return h.healthy() ? "HEALTHY" : "UNHEALTHY";
    }

    /** Whether the upstream as a whole is available (Kong's {@code balancer_health=1}). */
    public String upstreamHealth(String upstreamId) {
        Built b = built.get(upstreamId);
        if (b == null) {
            return null;
        }
        if (!b.config().enabled()) {
            return "HEALTHCHECKS_OFF";
        }
        return b.balancer().healthy() ? "HEALTHY" : "UNHEALTHY";
    }

    /** Kong's {@code post_health}: sets a target's health by hand; false when the target is unknown. */
    public boolean setHealth(String upstreamId, String target, boolean healthy) {
        TargetHealth h = health.get(upstreamId + "|" + target);
        if (h == null) {
            return false;
        }
        h.set(healthy);
        return true;
    }

    @Override
    public synchronized void close() {
        built.values().forEach(b -> {
            if (b.checker() != null) {
                b.checker().close();
            }
        });
        probes.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
