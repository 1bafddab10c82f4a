package dev.gatehouse.app.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.concurrent.TimeUnit;

/**
 * The seed walkthrough's mesh (README "The sandbox", {@code SandboxWalkthroughTest}): mesh {@code default} with
 * builtin mTLS and no allow-all, then {@code gateway} → everything as a TrafficPermission and {@code demo-app} →
 * {@code redis} as a MeshTrafficPermission (the walkthrough does one or the other; the export holds both kinds).
 */
public final class MeshSeed {

    private static final ObjectMapper YAML = new YAMLMapper();

    private MeshSeed() {}

    public static void seed(MeshRepository mesh) throws Exception {
        SandboxDemo.zeroTrust(mesh);
        put(mesh, MeshResourceType.TRAFFIC_PERMISSION, """
                type: TrafficPermission
                mesh: default
                name: gateway-to-all
                sources:
                - match:
                    kuma.io/service: gateway
                destinations:
                - match:
                    kuma.io/service: '*'
                """);
        put(mesh, MeshResourceType.MESH_TRAFFIC_PERMISSION, """
                type: MeshTrafficPermission
                mesh: default
                name: demo-app-to-redis
                spec:
                  targetRef:
                    kind: MeshService
                    name: redis
                  from:
                  - targetRef:
                      kind: MeshSubset
                      tags:
                        kuma.io/service: demo-app
                    default:
                      action: Allow
                """);
    }

    private static void put(MeshRepository mesh, MeshResourceType type, String yaml) throws Exception {
        mesh.apply(MeshEdit.put(type, (ObjectNode) YAML.readTree(yaml))).get(30, TimeUnit.SECONDS);
    }
}
