package dev.gatehouse.app.meshpolicy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.mesh.policy.ClientIdentity;
import dev.gatehouse.mesh.policy.InboundTarget;
import dev.gatehouse.mesh.policy.PermissionEngine;
import dev.gatehouse.mesh.policy.PolicySnapshot;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import dev.gatehouse.mesh.resource.meshtrafficpermission.MeshTrafficPermissionType;
import dev.gatehouse.mesh.resource.trafficpermission.TrafficPermissionType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The judge of the narrowing tests: mesh-runtime's PermissionEngine (Kuma's semantics) over a set of policies in an
 * mTLS mesh, before and after edits, so a test checks what a narrowing does rather than the JSON it writes.
 */
final class EngineVerdicts {

    private final Map<String, Resource> policies = new LinkedHashMap<>();
    private long clock;

    EngineVerdicts(ObjectNode... initial) {
        for (ObjectNode policy : initial) {
            put(policy);
        }
    }

    EngineVerdicts apply(List<MeshEdit> edits) {
        for (MeshEdit edit : edits) {
            switch (edit.kind()) {
                case PUT -> put(edit.resource().orElseThrow());
                case DELETE -> policies.remove(edit.type().name() + "/" + edit.name());
            }
        }
        return this;
    }

    /** The allowed pairs among {@code services}, as "a->b". */
    Set<String> allowedPairs(List<String> services) {
        Resource mesh = ResourceCodec.fromRest(MeshType.DESCRIPTOR, ResourceCodec.readObject("""
                        {"type":"Mesh","name":"default",
                         "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}}"""));
        PermissionEngine engine = PermissionEngine.compile(PolicySnapshot.of(mesh, policies.values()));
        Set<String> allowed = new TreeSet<>();
        for (String source : services) {
            for (String destination : services) {
                if (!source.equals(destination)
                        && engine.decide(InboundTarget.ofService(destination), ClientIdentity.ofService(source))
                                .verdict()
                                .allowed()) {
                    allowed.add(source + "->" + destination);
                }
            }
        }
        return allowed;
    }

    private void put(ObjectNode json) {
        ResourceTypeDescriptor type = json.path("type").asText().equals("TrafficPermission")
                ? TrafficPermissionType.DESCRIPTOR
                : MeshTrafficPermissionType.DESCRIPTOR;
        String key = type.name() + "/" + json.path("name").asText();
        Resource old = policies.get(key);
        // A replaced policy keeps its creation time, as Kuma's store does; legacy ties go to the newer policy.
        Instant created = old != null ? old.creationTime() : Instant.EPOCH.plusSeconds(++clock);
        policies.put(key, ResourceCodec.fromRest(type, json).withTimes(created, Instant.EPOCH.plusSeconds(++clock), 1));
    }
}
