package dev.gatehouse.app.kubernetes.testing;

import dev.gatehouse.app.connection.ClusterSettings;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.kubernetes.mesh.KubernetesMeshRepository;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Kubernetes API server for mesh repository tests: Fabric8's mock server over HTTPS, storing what it is sent (CRUD
 * mode) and answering set expectations first, with Kuma's custom resources Mesh, Dataplane, TrafficPermission and
 * MeshTrafficPermission registered (MeshAccessLog deliberately not, as on a cluster without its CRD). What Kuma
 * itself would create (the default mesh, Dataplanes from Pods) is created here with the plain client.
 */
public final class MeshMockCluster implements AutoCloseable {

    /** The control plane's namespace the repository is given. */
    public static final String CONTROL_PLANE = "kuma-system";
    /** Where the demo's Pods run. */
    public static final String APPS = "kuma-demo";

    private final MockWebServer web = new MockWebServer();
    private final KubernetesMockServer server;
    private final PodTunnels tunnels;
    private final KubernetesClient client;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private MeshMockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        tunnels = new PodTunnels(responses);
        server = new KubernetesMockServer(new Context(), web, responses, tunnels, true);
        server.init();
        for (String[] crd : new String[][] {
            {"Mesh", "meshes", "Cluster"},
            {"Dataplane", "dataplanes", "Namespaced"},
            {"TrafficPermission", "trafficpermissions", "Cluster"},
            {"MeshTrafficPermission", "meshtrafficpermissions", "Namespaced"}
        }) {
            server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                    .withGroup("kuma.io")
                    .withVersion("v1alpha1")
                    .withKind(crd[0])
                    .withPlural(crd[1])
                    .withScope(crd[2])
                    .build());
        }
        client = server.createClient();
    }

    public static MeshMockCluster start() {
        return new MeshMockCluster();
    }

    /** The API server's URL, as a kubeconfig names it. */
    public String url() {
        return "https://localhost:" + web.getPort();
    }

    /**
     * Kubernetes v1.31.2 with the Kong Ingress Controller's custom resources registered beside Kuma's, and both API
     * groups in discovery, as a cluster running both serves them.
     */
    public void serveKong() {
        server.setVersionInfo(new io.fabric8.kubernetes.client.VersionInfo.Builder()
                .withMajor("1")
                .withMinor("31")
                .withGitVersion("v1.31.2")
                .build());
        for (String[] crd : new String[][] {
            {"KongPlugin", "kongplugins", "Namespaced"},
            {"KongClusterPlugin", "kongclusterplugins", "Cluster"},
            {"KongConsumer", "kongconsumers", "Namespaced"}
        }) {
            server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                    .withGroup("configuration.konghq.com")
                    .withVersion("v1")
                    .withKind(crd[0])
                    .withPlural(crd[1])
                    .withScope(crd[2])
                    .build());
        }
        ApiDiscovery.serveKongAndKuma(server);
    }

    /**
     * The saved connection "Staging cluster": context {@code staging} of a kubeconfig written in {@code dir/kube}
     * (token auth, the server's CA file beside it, namespace {@code kong}) reaching the API server at {@code server}
     * (this server's {@link #url()}, or a relay in front of it), gateway in {@code kong}, mesh in kuma-system.
     */
    public ConnectionProfile stagingProfile(java.nio.file.Path dir, String server) throws java.io.IOException {
        java.nio.file.Path ca = writeCertificate(
                java.nio.file.Files.createDirectories(dir.resolve("kube")).resolve("ca.crt"));
        java.nio.file.Path kubeconfig = dir.resolve("kube/config");
        java.nio.file.Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "%s", certificate-authority: %s}
                contexts:
                - name: staging
                  context: {cluster: mock, user: me, namespace: kong}
                users:
                - name: me
                  user: {token: abc}
                """.formatted(server, ca.getFileName()));
        return new ConnectionProfile(
                "staging",
                "Staging cluster",
                ConnectionKind.KUBERNETES,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new ClusterSettings(List.of(kubeconfig), "staging", List.of("kong"), "kuma-system")));
    }

    /** The port the API server listens on. */
    public int port() {
        return web.getPort();
    }

    /** The server's self-signed certificate, as a kubeconfig's certificate-authority file holds it. */
    public java.nio.file.Path writeCertificate(java.nio.file.Path file) throws java.io.IOException {
        java.nio.file.Files.copy(
                java.nio.file.Path.of(web.getSelfSignedCertificate().certificatePath()),
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** Where pods' port-forwards go. */
    public PodTunnels tunnels() {
        return tunnels;
    }

    public KubernetesMockServer server() {
        return server;
    }

    /** The plain client, for what kubectl or Kuma would do beside the console. */
    public KubernetesClient client() {
        return client;
    }

    public KubernetesMeshRepository repository() {
        return new KubernetesMeshRepository(client, CONTROL_PLANE, executor);
    }

    /** The custom resources of one Kuma kind. */
    public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            kuma(String kind, String plural, boolean namespaced) {
        return client.genericKubernetesResources(
                new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                        .withGroup("kuma.io")
                        .withVersion("v1alpha1")
                        .withKind(kind)
                        .withPlural(plural)
                        .withNamespaced(namespaced)
                        .build());
    }

    /**
     * What a Kuma before 2.6 creates on start (pkg/defaults/mesh/mesh.go): mesh {@code default} without mTLS and its
     * TrafficPermission {@code allow-all-default}.
     */
    public void kumaDefaults() {
        GenericKubernetesResource mesh = resource("Mesh", "default", null);
        mesh.setAdditionalProperty("spec", Map.of());
        kuma("Mesh", "meshes", false).resource(mesh).create();
        GenericKubernetesResource allowAll = resource("TrafficPermission", "allow-all-default", null);
        allowAll.setAdditionalProperty("mesh", "default");
        allowAll.setAdditionalProperty(
                "spec",
                Map.of(
                        "sources", List.of(Map.of("match", Map.of("kuma.io/service", "*"))),
                        "destinations", List.of(Map.of("match", Map.of("kuma.io/service", "*")))));
        kuma("TrafficPermission", "trafficpermissions", false)
                .resource(allowAll)
                .create();
    }

    /**
     * The Dataplane Kuma generates for a Pod of {@code service} in {@link #APPS} (pod_converter.go): named as the
     * Pod, top-level {@code mesh}, one inbound tagged with the service (the seed's short service names rather than
     * Kuma's {@code <service>_<namespace>_svc_<port>}, so that the seed's policies apply), or a delegated gateway.
     */
    public void dataplane(String pod, String service, int port, boolean gateway) {
        Map<String, Object> tags = Map.of("kuma.io/service", service, "k8s.kuma.io/namespace", APPS);
        Map<String, Object> networking = gateway
                ? Map.of("address", "10.244.0.10", "gateway", Map.of("type", "DELEGATED", "tags", tags))
                : Map.of(
                        "address",
                        "10.244.0." + (10 + port % 200),
                        "inbound",
                        List.of(Map.of("port", port, "tags", tags)));
        GenericKubernetesResource dp = resource("Dataplane", pod, APPS);
        dp.setAdditionalProperty("mesh", "default");
        dp.setAdditionalProperty("spec", Map.of("networking", networking));
        kuma("Dataplane", "dataplanes", true).inNamespace(APPS).resource(dp).create();
    }

    private static GenericKubernetesResource resource(String kind, String name, String namespace) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("kuma.io/v1alpha1");
        r.setKind(kind);
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace)
                .build());
        return r;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
        executor.shutdownNow();
    }
}
