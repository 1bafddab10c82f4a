package dev.gatehouse.gateway.upstream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.admin.AdminApi;
import dev.gatehouse.gateway.admin.AdminRequest;
import dev.gatehouse.gateway.admin.AdminResponse;
import dev.gatehouse.gateway.dao.EntityKey;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.store.IndexKeys;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.Store;
import dev.gatehouse.gateway.store.StoredEntity;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Kong's health endpoints ({@code kong/api/routes/upstreams.lua}): {@code GET /upstreams/{u}/health} (per target,
 * or the upstream's with {@code balancer_health=1}), {@code PUT .../targets/{t}[/{address}]/healthy|unhealthy} and
 * {@code GET /upstreams/{u}/targets/all} (one page: every target).
 */
public final class HealthEndpoints implements AdminApi.Extension {

    private final Store store;
    private final Upstreams upstreams;
    private final String nodeId;

    public HealthEndpoints(Store store, Upstreams upstreams, String nodeId) {
        this.store = store;
        this.upstreams = upstreams;
        this.nodeId = nodeId;
    }

    @Override
    public void register(AdminApi.Registrar r) {
        r.add("/upstreams/:upstreams/health", "GET", (req, uri, post, json) -> health(req));
        r.add("/upstreams/:upstreams/targets/all", "GET", (req, uri, post, json) -> all(req));
        for (String state : List.of("healthy", "unhealthy")) {
            boolean healthy = state.equals("healthy");
            r.add(
                    "/upstreams/:upstreams/targets/:targets/" + state,
                    "PUT",
                    (req, uri, post, json) -> set(req, healthy));
            r.add(
                    "/upstreams/:upstreams/targets/:targets/:address/" + state,
                    "PUT",
                    (req, uri, post, json) -> set(req, healthy));
        }
    }

    private AdminResponse health(AdminRequest req) {
        Snapshot snap = store.snapshot();
        StoredEntity u = upstream(snap, segment(req, 1));
        if (u == null) {
            return AdminResponse.notFound();
        }
        ObjectNode body = Json.object();
        boolean balancerHealth =
                req.query().stream().anyMatch(e -> e.getKey().equals("balancer_health") && "1".equals(e.getValue()));
        if (balancerHealth) {
            ObjectNode data = body.putObject("data");
            data.put("health", upstreams.upstreamHealth(u.id()));
            data.put("id", u.id());
        } else {
            ArrayNode data = body.putArray("data");
            List<StoredEntity> targets = new ArrayList<>(snap.children("targets", "upstream", u.id()));
            targets.sort(Comparator.comparing(StoredEntity::id));
            for (StoredEntity t : targets) {
                ObjectNode o = t.body().deepCopy();
                String target = o.path("target").asText();
                String h = upstreams.health(u.id(), target);
                o.put("health", h);
                ObjectNode address = Json.object();
                int colon = target.lastIndexOf(':');
                address.put("ip", target.substring(0, colon));
                address.put("port", Integer.parseInt(target.substring(colon + 1)));
                address.put("health", h);
                address.put("weight", o.path("weight").asInt());
                o.putObject("data").putArray("addresses").add(address);
                data.add(o);
            }
        }
        body.putNull("next");
        body.put("node_id", nodeId);
        return AdminResponse.of(200, body);
    }

    /** Kong's {@code /upstreams/{u}/targets/all}: every target of the upstream, weight 0 included, oldest first. */
    private AdminResponse all(AdminRequest req) {
        Snapshot snap = store.snapshot();
        StoredEntity u = upstream(snap, segment(req, 1));
        if (u == null) {
            return AdminResponse.notFound();
        }
        List<StoredEntity> targets = new ArrayList<>(snap.children("targets", "upstream", u.id()));
        targets.sort(Comparator.comparingDouble(
                        (StoredEntity t) -> t.body().path("created_at").asDouble())
                .thenComparing(StoredEntity::id));
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        targets.forEach(t -> data.add(t.body()));
        body.putNull("next");
        return AdminResponse.of(200, body);
    }

    private AdminResponse set(AdminRequest req, boolean healthy) {
        Snapshot snap = store.snapshot();
        StoredEntity u = upstream(snap, segment(req, 1));
        if (u == null) {
            return AdminResponse.notFound();
        }
        String raw = segment(req, 3);
        StoredEntity t;
        if (EntityKey.isUuid(raw)) {
            t = snap.get("targets", raw);
        } else {
            ArrayNode probe = Json.array();
            probe.add(u.id());
            probe.add(raw);
            t = snap.findUnique("targets", IndexKeys.CACHE_KEY, probe);
        }
        if (t == null || !u.id().equals(t.body().path("upstream").path("id").asText())) {
            return AdminResponse.notFound();
        }
        if (!upstreams.setHealth(u.id(), t.body().path("target").asText(), healthy)) {
            return AdminResponse.message(400, "target not found in the balancer");
        }
        return AdminResponse.empty(204);
    }

    private static StoredEntity upstream(Snapshot snap, String raw) {
        if (EntityKey.isUuid(raw)) {
            return snap.get("upstreams", raw);
        }
        return snap.findUnique("upstreams", "name", Json.MAPPER.getNodeFactory().textNode(raw));
    }

    /** The n-th segment of the path after the leading slash, percent-decoded as Kong's unescape_uri does. */
    private static String segment(AdminRequest req, int n) {
        String path = req.rawPath();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        String[] parts = path.substring(1).split("/");
        return URLDecoder.decode(parts[n].replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
