package dev.gatehouse.app.kubernetes.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a real API server says that Fabric8's mock does not by itself: the API groups installed CRDs serve (the mock
 * answers an empty group for any name), and a user's RBAC refusals.
 */
public final class ApiDiscovery {

    /** The Kong Ingress Controller's group, as its CRDs make the API server serve it. */
    public static final String KONG = "configuration.konghq.com";
    /** Kuma's group. */
    public static final String KUMA = "kuma.io";

    private ApiDiscovery() {}

    /** {@code GET /apis/<group>} answers the group with {@code versions}, as discovery does once its CRDs exist. */
    public static void serve(KubernetesMockServer server, String group, String... versions) {
        String list = Arrays.stream(versions)
                .map(v -> "{\"groupVersion\":\"" + group + "/" + v + "\",\"version\":\"" + v + "\"}")
                .collect(Collectors.joining(","));
        server.expect()
                .get()
                .withPath("/apis/" + group)
                .andReturn(
                        200,
                        "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",\"name\":\"" + group + "\",\"versions\":[" + list
                                + "]}")
                .always();
    }

    /** The Kong Ingress Controller's and Kuma's groups, as a cluster with both installed serves them. */
    public static void serveKongAndKuma(KubernetesMockServer server) {
        serve(server, KONG, "v1", "v1beta1");
        serve(server, KUMA, "v1alpha1");
    }

    /** Listing namespaces is refused (403), as for a user with namespaced rights only. */
    public static void forbidNamespaceList(KubernetesMockServer server) {
        server.expect().get().withPath("/api/v1/namespaces").andReturn(403, """
                        {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
                         "message":"namespaces is forbidden"}""").always();
    }
}
