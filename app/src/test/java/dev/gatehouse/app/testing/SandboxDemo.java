package dev.gatehouse.app.testing;

import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.concurrent.TimeUnit;

/** The seed walkthrough's steps the traffic tests, benches and shots share: key-auth in front of a service, zero trust. */
public final class SandboxDemo {

    /** The sandbox's demo app through the mesh. */
    public static final String DEMO_APP = "http://demo-app.mesh:80";

    private SandboxDemo() {}

    /**
     * Declarative config: service {@code demo} to {@code upstream}, route {@code demo-rt} on {@code /} with key-auth,
     * and consumers with their keys ({@code usersAndKeys}: a username, its key, the next username...).
     */
    public static String keyAuth(String upstream, String... usersAndKeys) {
        StringBuilder yaml = new StringBuilder("""
                _format_version: "3.0"
                services:
                - name: demo
                  url: %s
                  routes:
                  - name: demo-rt
                    paths: [/]
                    plugins:
                    - name: key-auth
                consumers:
                """.formatted(upstream));
        for (int i = 0; i + 1 < usersAndKeys.length; i += 2) {
            yaml.append("- username: ")
                    .append(usersAndKeys[i])
                    .append("\n  keyauth_credentials:\n  - key: ")
                    .append(usersAndKeys[i + 1])
                    .append('\n');
        }
        return yaml.toString();
    }

    /** mTLS on in mesh {@code default} and its allow-all gone: nothing permits gateway → demo-app any more. */
    public static void zeroTrust(MeshRepository mesh) throws Exception {
        mtlsOn(mesh);
        mesh.apply(MeshEdit.delete(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default"))
                .get(30, TimeUnit.SECONDS);
    }

    /** mTLS on in mesh {@code default} (builtin CA {@code ca-1}); its policies stay as they are. */
    public static void mtlsOn(MeshRepository mesh) throws Exception {
        var meshResource = mesh.find(MeshResourceType.MESH, "", "default")
                .get(30, TimeUnit.SECONDS)
                .orElseThrow();
        var mtls = meshResource.putObject("mtls");
        mtls.put("enabledBackend", "ca-1");
        mtls.putArray("backends").addObject().put("name", "ca-1").put("type", "builtin");
        mesh.apply(MeshEdit.put(MeshResourceType.MESH, meshResource)).get(30, TimeUnit.SECONDS);
    }
}
