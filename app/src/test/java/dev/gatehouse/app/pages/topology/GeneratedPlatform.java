package dev.gatehouse.app.pages.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A generated mesh for benches and screenshots: {@code services} services with {@code allowed} explicit
 * permissions between random pairs (everything else denied, mTLS on), a gateway and a few consumers and routes.
 */
final class GeneratedPlatform {

    private GeneratedPlatform() {}

    static TopologySources of(int services, int allowed, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> names = new ArrayList<>();
        names.add("gateway");
        for (int i = 1; i < services; i++) {
            names.add("svc-" + i);
        }
        Set<String> allow = new HashSet<>();
        // Most services have a caller; the gateway calls a handful, as a real platform's front door does.
        while (allow.size() < allowed) {
            String s = names.get(random.nextInt(names.size()));
            String d = names.get(1 + random.nextInt(names.size() - 1));
            if (!s.equals(d)) {
                allow.add(s + "\n" + d);
            }
        }
        List<ServiceAccess> pairs = new ArrayList<>();
        for (String s : names) {
            for (String d : names) {
                if (!s.equals(d)) {
                    boolean ok = allow.contains(s + "\n" + d);
                    pairs.add(new ServiceAccess(
                            s,
                            d,
                            ok ? ServiceAccess.Access.ALLOWED : ServiceAccess.Access.DENIED,
                            ok ? Optional.of(new PolicyRef("MeshTrafficPermission", "allow-" + d)) : Optional.empty(),
                            ok ? "from MeshService " + s + ": Allow" : ""));
                }
            }
        }
        List<ObjectNode> dataplanes = new ArrayList<>();
        dataplanes.add(TopologyFixtures.gatewayDataplane("default", "gateway-1", "gateway"));
        for (int i = 1; i < services; i++) {
            dataplanes.add(TopologyFixtures.dataplane(
                    "default", "svc-" + i + "-1", "svc-" + i, random.nextInt(20) != 0, "2026-12-04T10:00:00Z"));
        }
        MeshSnapshot mesh = new MeshSnapshot(
                TopologyFixtures.mesh("default", true),
                dataplanes,
                Optional.of(new PermissionMatrix("default", true, PermissionMatrix.Source.CONTROL_PLANE, names, pairs)),
                Optional.empty());
        List<ObjectNode> consumers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            consumers.add(TopologyFixtures.json("{\"id\":\"c" + i + "\",\"username\":\"client-" + i + "\"}"));
        }
        List<ObjectNode> kongServices = new ArrayList<>();
        List<ObjectNode> routes = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            kongServices.add(TopologyFixtures.json("{\"id\":\"k" + i + "\",\"host\":\"svc-" + i + ".mesh\"}"));
            routes.add(TopologyFixtures.json(
                    "{\"id\":\"r" + i + "\",\"name\":\"route-" + i + "\",\"service\":{\"id\":\"k" + i + "\"}}"));
        }
        List<ObjectNode> plugins =
                List.of(TopologyFixtures.json("{\"id\":\"p\",\"name\":\"key-auth\",\"service\":{\"id\":\"k1\"}}"));
        return new TopologySources(
                Optional.of(new GatewaySnapshot("Kong", consumers, kongServices, routes, plugins)), List.of(mesh));
    }
}
