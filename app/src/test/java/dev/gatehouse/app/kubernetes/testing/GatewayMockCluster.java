package dev.gatehouse.app.kubernetes.testing;

import dev.gatehouse.app.declarative.kubernetes.GatewayRef;
import dev.gatehouse.app.kubernetes.gateway.KubernetesGatewayRepository;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
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
 * A Kubernetes API server for gateway repository tests: Fabric8's mock server over HTTPS, storing what it is sent
 * (CRUD mode) and answering set expectations first, with KIC's custom resources registered and its IngressClass
 * {@code kong} created.
 */
public final class GatewayMockCluster implements AutoCloseable {

    public static final String NAMESPACE = "shop";

    /** Held so the setting lasts: the mock server logs every request at INFO, burying test output. */
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private GatewayMockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), true);
        server.setVersionInfo(new VersionInfo.Builder()
                .withMajor("1")
                .withMinor("31")
                .withGitVersion("v1.31.2")
                .build());
        server.init();
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
        client = server.createClient();
        client.network()
                .v1()
                .ingressClasses()
                .resource(new IngressClassBuilder()
                        .withNewMetadata()
                        .withName("kong")
                        .endMetadata()
                        .withNewSpec()
                        .withController("ingress-controllers.konghq.com/kong")
                        .endSpec()
                        .build())
                .create();
    }

    public static GatewayMockCluster start() {
        return new GatewayMockCluster();
    }

    public KubernetesMockServer server() {
        return server;
    }

    /** A plain Fabric8 client on the server, to read what the repository wrote. */
    public KubernetesClient client() {
        return client;
    }

    /** The repository on namespace {@link #NAMESPACE}, its calls on virtual threads. */
    public KubernetesGatewayRepository repository(Optional<GatewayRepository> schemas) {
        return new KubernetesGatewayRepository(client, NAMESPACE, executor, schemas);
    }

    /** As {@link #repository(Optional)}, writing new routes as HTTPRoutes attached to {@code gateway}. */
    public KubernetesGatewayRepository repository(Optional<GatewayRepository> schemas, GatewayRef gateway) {
        return new KubernetesGatewayRepository(
                client, NAMESPACE, executor, schemas, "no Kong Admin API was given", Optional.of(gateway));
    }

    /**
     * The Gateway API installed (HTTPRoute, Gateway, GatewayClass), with KIC's GatewayClass {@code kong}
     * (controller {@code konghq.com/kic-gateway-controller}) and its Gateway {@code kong} in {@link #NAMESPACE}, as
     * KIC's Gateway API guide sets them up; and another implementation's class {@code other} with a Gateway
     * {@code other}, whose HTTPRoutes are not Kong's.
     */
    public void serveGatewayApi() {
        registerGatewayApi(server);
        for (String[] impl :
                new String[][] {{"kong", "konghq.com/kic-gateway-controller"}, {"other", "example.com/other"}}) {
            gatewayApi("GatewayClass", null, impl[0], Map.of("controllerName", impl[1]));
            gatewayApi(
                    "Gateway",
                    NAMESPACE,
                    impl[0],
                    Map.of(
                            "gatewayClassName",
                            impl[0],
                            "listeners",
                            List.of(Map.of("name", "http", "port", 80, "protocol", "HTTP"))));
        }
    }

    /** The Gateway API's CRDs (HTTPRoute, Gateway, GatewayClass) registered on a mock server in CRUD mode. */
    public static void registerGatewayApi(KubernetesMockServer server) {
        for (String[] crd : new String[][] {
            {"HTTPRoute", "httproutes", "Namespaced"},
            {"Gateway", "gateways", "Namespaced"},
            {"GatewayClass", "gatewayclasses", "Cluster"}
        }) {
            server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                    .withGroup("gateway.networking.k8s.io")
                    .withVersion("v1")
                    .withKind(crd[0])
                    .withPlural(crd[1])
                    .withScope(crd[2])
                    .build());
        }
    }

    /** Creates a Gateway API object, as kubectl apply would. */
    public void gatewayApi(String kind, String namespace, String name, Map<String, Object> spec) {
        gatewayApi(client, kind, namespace, name, spec);
    }

    /** Creates a Gateway API object with {@code client} (cluster-scoped when {@code namespace} is null). */
    public static void gatewayApi(
            KubernetesClient client, String kind, String namespace, String name, Map<String, Object> spec) {
        GenericKubernetesResource object = new GenericKubernetesResourceBuilder()
                .withApiVersion("gateway.networking.k8s.io/v1")
                .withKind(kind)
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .build();
        object.setAdditionalProperty("spec", spec);
        var resources = client.genericKubernetesResources("gateway.networking.k8s.io/v1", kind);
        (namespace == null ? resources : resources.inNamespace(namespace))
                .resource(object)
                .create();
    }

    @Override
    public void close() {
        executor.close();
        client.close();
        server.destroy();
    }
}
