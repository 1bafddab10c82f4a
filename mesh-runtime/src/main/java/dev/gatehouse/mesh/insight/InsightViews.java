package dev.gatehouse.mesh.insight;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.ca.IdentityService;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.ResourceTypeRegistry;
import dev.gatehouse.mesh.resource.dataplane.DataplaneSpec;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.store.StoreSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds Kuma's read-only insight shapes: DataplaneOverview, ServiceInsight and GlobalInsight (schemas in
 * kuma-api.openapi.yaml; samples in pkg/api-server/testdata @v2.14.3).
 */
public final class InsightViews {
    private final DataplaneSessions sessions;
    private final IdentityService identities;
    private final ResourceTypeRegistry types;

    public InsightViews(ResourceTypeRegistry types, DataplaneSessions sessions, IdentityService identities) {
        this.types = types;
        this.sessions = sessions;
        this.identities = identities;
    }

    /** {@code {type: DataplaneOverview, mesh, name, creationTime, modificationTime, dataplane, dataplaneInsight}}. */
    public ObjectNode overview(Resource dp) {
        ObjectNode out = ResourceCodec.JSON.createObjectNode();
        out.put("type", "DataplaneOverview");
        out.put("mesh", dp.mesh());
        out.put("name", dp.name());
        out.put("creationTime", ResourceCodec.time(dp.creationTime()));
        out.put("modificationTime", ResourceCodec.time(dp.modificationTime()));
        if (!dp.labels().isEmpty()) {
            ObjectNode labels = out.putObject("labels");
            dp.labels().forEach(labels::put);
        }
        out.set("dataplane", dp.spec().deepCopy());
        ObjectNode insight = out.putObject("dataplaneInsight");
        ArrayNode subs = insight.putArray("subscriptions");
        for (DataplaneSessions.Subscription s : sessions.subscriptions(dp.key())) {
            ObjectNode o = subs.addObject();
            o.put("id", s.id());
            o.put("controlPlaneInstanceId", s.controlPlaneInstanceId());
            o.put("connectTime", s.connectTime().toString());
            if (s.disconnectTime() != null) {
                o.put("disconnectTime", s.disconnectTime().toString());
            }
            ObjectNode status = o.putObject("status");
            status.put("lastUpdateTime", s.connectTime().toString());
            for (String k : List.of("total", "cds", "eds", "lds", "rds")) {
                status.putObject(k);
            }
            o.putObject("version").putObject("kumaDp").put("version", "gatehouse");
        }
        identities.info(dp.key()).ifPresent(info -> {
            ObjectNode mtls = insight.putObject("mTLS");
            mtls.put(
                    "certificateExpirationTime",
                    info.certificateExpirationTime().toString());
            mtls.put(
                    "lastCertificateRegeneration",
                    info.lastCertificateRegeneration().toString());
            mtls.put("certificateRegenerations", info.certificateRegenerations());
            mtls.put("issuedBackend", info.issuedBackend());
            ArrayNode supported = mtls.putArray("supportedBackends");
            info.supportedBackends().forEach(supported::add);
        });
        return out;
    }

    public boolean online(ResourceKey dp) {
        return sessions.online(dp);
    }

    /** Per-service counts of one mesh, sorted by service name. */
    public List<ObjectNode> serviceInsights(StoreSnapshot snap, String mesh) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, String> kinds = new TreeMap<>();
        for (Resource dp : snap.list(DataplaneType.DESCRIPTOR, mesh)) {
            DataplaneSpec spec = DataplaneSpec.of(dp);
            boolean online = sessions.online(dp.key());
            String kind = spec.gateway().isPresent()
                    ? (spec.gateway().get().builtin() ? "gateway_builtin" : "gateway_delegated")
                    : "internal";
            for (String service : spec.services()) {
                int[] c = counts.computeIfAbsent(service, k -> new int[2]);
                c[online ? 0 : 1]++;
                kinds.putIfAbsent(service, kind);
            }
        }
        return counts.entrySet().stream()
                .map(e -> {
                    ObjectNode o = ResourceCodec.JSON.createObjectNode();
                    int online = e.getValue()[0];
                    int offline = e.getValue()[1];
                    o.put("type", "ServiceInsight");
                    o.put("mesh", mesh);
                    o.put("name", e.getKey());
                    o.put("creationTime", ResourceCodec.time(Instant.EPOCH));
                    o.put("modificationTime", ResourceCodec.time(Instant.EPOCH));
                    o.put("status", status(online, offline));
                    ObjectNode dps = o.putObject("dataplanes");
                    dps.put("total", online + offline);
                    dps.put("online", online);
                    dps.put("offline", offline);
                    o.put("serviceType", kinds.get(e.getKey()));
                    o.put("addressPort", e.getKey() + ".mesh:80");
                    return o;
                })
                .toList();
    }

    static String status(int online, int offline) {
        if (online + offline == 0) {
            return "not_available";
        }
        if (offline == 0) {
            return "online";
        }
        return online == 0 ? "offline" : "partially_degraded";
    }

    /** {@code GET /global-insight}. */
    public ObjectNode globalInsight(StoreSnapshot snap, Instant now) {
        ObjectNode out = ResourceCodec.JSON.createObjectNode();
        out.put("createdAt", now.toString());
        int[] internal = new int[3];
        int[] delegatedServices = new int[3];
        int[] standard = new int[3];
        int[] delegated = new int[3];
        for (Resource mesh : snap.meshes()) {
            for (ObjectNode s : serviceInsights(snap, mesh.name())) {
                int[] target = "internal".equals(s.path("serviceType").asText()) ? internal : delegatedServices;
                count(target, s.path("status").asText());
            }
            for (Resource dp : snap.list(DataplaneType.DESCRIPTOR, mesh.name())) {
                boolean gateway = DataplaneSpec.of(dp).gateway().isPresent();
                count(gateway ? delegated : standard, sessions.online(dp.key()) ? "online" : "offline");
            }
        }
        ObjectNode services = out.putObject("services");
        services.put("total", sum(internal) + sum(delegatedServices));
        stats(services.putObject("internal"), internal);
        services.putObject("external").put("total", 0);
        stats(services.putObject("gatewayDelegated"), delegatedServices);
        stats(services.putObject("gatewayBuiltin"), new int[3]);
        stats(services.putObject("internalByStatus"), internal);
        ObjectNode zones = out.putObject("zones");
        for (String z : List.of("controlPlanes", "zoneEgresses", "zoneIngresses")) {
            zones.putObject(z).put("online", 0).put("total", 0);
        }
        ObjectNode dps = out.putObject("dataplanes");
        stats(dps.putObject("standard"), standard);
        stats(dps.putObject("gatewayBuiltin"), new int[3]);
        stats(dps.putObject("gatewayDelegated"), delegated);
        int policies = 0;
        ObjectNode resources = out.putObject("resources");
        for (ResourceTypeDescriptor t : types.all()) {
            int total = snap.list(t, t.meshScoped() ? null : "").size();
            resources.putObject(t.name()).put("total", total);
            if (t.isPolicy()) {
                policies += total;
            }
        }
        out.putObject("policies").put("total", policies);
        out.putObject("meshes").put("total", snap.meshes().size());
        // Keep the required-property order of GlobalInsightBase readable: resources last.
        out.set("resources", out.remove("resources"));
        return out;
    }

    private static void count(int[] c, String status) {
        switch (status) {
            case "online" -> c[0]++;
            case "offline" -> c[1]++;
            default -> c[2]++;
        }
    }

    private static int sum(int[] c) {
        return c[0] + c[1] + c[2];
    }

    private static void stats(ObjectNode o, int[] c) {
        o.put("total", sum(c));
        o.put("online", c[0]);
        o.put("offline", c[1]);
        o.put("partiallyDegraded", c[2]);
    }
}
