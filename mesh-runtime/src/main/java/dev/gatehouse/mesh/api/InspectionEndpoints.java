package dev.gatehouse.mesh.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.manager.PermissionEngines;
import dev.gatehouse.mesh.manager.ResourceManager;
import dev.gatehouse.mesh.policy.ClientIdentity;
import dev.gatehouse.mesh.policy.Decision;
import dev.gatehouse.mesh.policy.InboundTarget;
import dev.gatehouse.mesh.policy.PermissionEngine;
import dev.gatehouse.mesh.policy.PolicyRef;
import dev.gatehouse.mesh.policy.ServicePermissions;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Policy inspection in the spirit of Kuma's {@code _policies}/{@code _rules} inspection paths (Gatehouse shapes):
 * <ul>
 *   <li>{@code GET /meshes/{mesh}/dataplanes/{name}/_permissions}: per inbound, the governing policy family, the
 *       matched policies, the ordered from-rules and the verdict of each client subset;</li>
 *   <li>{@code GET /meshes/{mesh}/_permissions?source=S&destination=D}: the decision for a connection from service
 *       S to service D, the deciding policy, and the same per destination inbound;</li>
 *   <li>{@code GET /meshes/{mesh}/_permission-matrix}: every ordered pair of the mesh's services (the
 *       {@code kuma.io/service} tags of its data planes, gateways included; no self-pairs), each decided as
 *       {@code _permissions?source&destination} decides it, with its access ({@code ALLOWED},
 *       {@code ALLOWED_BY_ALLOW_ALL}, {@code DENIED}, {@code NOT_ENFORCED}), deciding policy and rule in words
 *       ({@link ServicePermissions}). Grouped per destination so that 500 services stay small:
 *       <pre>{@code
 * {"mesh":"default","mtlsEnabled":true,"services":["demo-app","gateway","redis"],
 *  "destinations":[
 *    {"service":"redis",
 *     "otherSources":{"access":"DENIED","policy":null,"rule":"no from-rule matches: Deny"},
 *     "groups":[{"access":"ALLOWED","policy":{"type":"MeshTrafficPermission","name":"redis"},
 *                "rule":"from MeshService demo-app: Allow","sources":["demo-app"]}]},
 *    ...]}
 * }</pre>
 *       {@code otherSources} is what every service not listed in {@code groups} gets (null when the mesh has one
 *       service).</li>
 * </ul>
 */
public final class InspectionEndpoints {
    private final ResourceManager resources;
    private final PermissionEngines engines;

    public InspectionEndpoints(ResourceManager resources, PermissionEngines engines) {
        this.resources = resources;
        this.engines = engines;
    }

    public ApiResponse dataplane(String mesh, String name) {
        Resource dp = ResourceEndpoints.guarded(
                () -> resources.get(DataplaneType.DESCRIPTOR, mesh, name), "Could not retrieve a resource");
        PermissionEngine engine = engine(mesh);
        ObjectNode out = ResourceCodec.JSON.createObjectNode();
        out.put("mesh", mesh);
        out.put("dataplane", name);
        out.put("mtlsEnabled", engine.snapshot().mtlsEnabled());
        ArrayNode inbounds = out.putArray("inbounds");
        for (ServicePermissions.Inbound inbound : ServicePermissions.inbounds(engine, dp)) {
            ObjectNode in = inbounds.addObject();
            in.put("port", inbound.port());
            if (inbound.name() != null) {
                in.put("name", inbound.name());
            }
            putTags(in.putObject("tags"), inbound.tags());
            in.put("mode", inbound.mode());
            ArrayNode policies = in.putArray("policies");
            inbound.policies().forEach(p -> policy(policies.addObject(), p));
            ArrayNode rules = in.putArray("rules");
            for (ServicePermissions.InboundRule r : inbound.rules()) {
                ObjectNode o = rules.addObject();
                putTags(o.putObject("from"), r.from());
                o.put("action", r.action());
                policy(o.putObject("policy"), r.policy());
            }
            ArrayNode clients = in.putArray("clients");
            for (ServicePermissions.ClientVerdict c : inbound.clients()) {
                ObjectNode o = clients.addObject();
                putTags(o.putObject("tags"), c.tags());
                o.put("verdict", c.verdict());
                o.put("allowed", c.allowed());
                if (c.policy() != null) {
                    policy(o.putObject("policy"), c.policy());
                }
            }
        }
        return ApiResponse.json(out);
    }

    public ApiResponse servicePair(ApiRequest req, String mesh) {
        String source = req.param("source");
        String destination = req.param("destination");
        List<dev.gatehouse.mesh.validation.Violation> missing = new ArrayList<>();
        if (source == null || source.isEmpty()) {
            missing.add(new dev.gatehouse.mesh.validation.Violation("source", "must be set"));
        }
        if (destination == null || destination.isEmpty()) {
            missing.add(new dev.gatehouse.mesh.validation.Violation("destination", "must be set"));
        }
        if (!missing.isEmpty()) {
            throw new ApiError(400, "Could not inspect permissions", "Invalid query", missing);
        }
        List<Resource> dps = ResourceEndpoints.guarded(
                () -> resources.list(DataplaneType.DESCRIPTOR, mesh), "Failed to retrieve Mesh");
        PermissionEngine engine = engine(mesh);
        ClientIdentity client = ServicePermissions.clientOf(dps, source);
        List<InboundTarget> targets = ServicePermissions.targetsOf(dps, destination);
        ObjectNode out = ResourceCodec.JSON.createObjectNode();
        out.put("mesh", mesh);
        out.put("source", source);
        out.put("destination", destination);
        putClient(out.putObject("client"), client);
        Decision first = null;
        ArrayNode perTarget = out.putArray("targets");
        for (InboundTarget t : targets) {
            Decision d = engine.decide(t, client);
            if (first == null) {
                first = d;
            }
            ObjectNode o = perTarget.addObject();
            if (!t.dataplane().isEmpty()) {
                o.put("dataplane", t.dataplane());
                o.put("port", t.port());
            }
            decision(o, d);
        }
        decision(out, first);
        return ApiResponse.json(out);
    }

    /**
     * Every ordered pair of the mesh's services, each decided as {@link #servicePair} decides it, in the compact
     * shape of {@link ServicePermissions.Matrix#toJson}.
     */
    public ApiResponse matrix(String mesh) {
        List<Resource> dps = ResourceEndpoints.guarded(
                () -> resources.list(DataplaneType.DESCRIPTOR, mesh), "Failed to retrieve Mesh");
        return ApiResponse.json(
                ServicePermissions.of(engine(mesh), dps).matrix().toJson());
    }

    private PermissionEngine engine(String mesh) {
        return engines.forMesh(mesh).orElseThrow(() -> new ApiError(404, "Failed to retrieve Mesh", "Not found"));
    }

    private static void decision(ObjectNode o, Decision d) {
        o.put("decision", d.verdict().kumaName());
        o.put("allowed", d.allowed());
        if (d.policy() != null) {
            policy(o.putObject("policy"), d.policy());
        } else {
            o.putNull("policy");
        }
        o.put("reason", d.reason());
    }

    private static void policy(ObjectNode o, PolicyRef p) {
        o.put("type", p.type());
        o.put("name", p.name());
    }

    private static void putTags(ObjectNode o, Map<String, String> tags) {
        new java.util.TreeMap<>(tags).forEach(o::put);
    }

    private static void putClient(ObjectNode o, ClientIdentity c) {
        c.tags().forEach((k, v) -> {
            ArrayNode a = o.putArray(k);
            new java.util.TreeSet<>(v).forEach(a::add);
        });
    }
}
