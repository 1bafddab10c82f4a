package dev.gatehouse.app.kubernetes.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.kubernetes.testing.GatewayMockCluster;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntityOwner;
import dev.gatehouse.app.repository.gateway.EntityPage;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.GatewayNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway repository over Kubernetes, against Fabric8's mock API server in CRUD mode: each kind created, read,
 * paged, updated and deleted through the repository, and the objects it wrote read back with a plain client.
 */
class KubernetesGatewayRepositoryTest {

    private static final String NS = GatewayMockCluster.NAMESPACE;

    private GatewayMockCluster cluster;
    private KubernetesGatewayRepository gateway;

    @BeforeEach
    void start() {
        cluster = GatewayMockCluster.start();
        gateway = cluster.repository(Optional.empty());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static <T> T join(CompletableFuture<T> future) {
        return future.join();
    }

    /** The GatewayException a call failed with. */
    private static GatewayException refusal(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(GatewayException.class);
            return (GatewayException) e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }

    private ObjectNode service(String name, String url) {
        return join(
                gateway.create(EntityKind.SERVICES, object().put("name", name).put("url", url)));
    }

    private ObjectNode route(String name, String serviceId, String path) {
        ObjectNode route = object().put("name", name);
        route.putArray("paths").add(path);
        route.putObject("service").put("id", serviceId);
        return join(gateway.create(EntityKind.ROUTES, route));
    }

    @Test
    void servicesAreServicesWithKicAnnotationsAndAreFoundByUidOrName() {
        ObjectNode created = join(gateway.create(
                EntityKind.SERVICES,
                object().put("name", "orders")
                        .put("url", "https://orders.internal:8443/v1")
                        .put("retries", 2)));

        assertThat(created.path("id").asText()).isNotEmpty();
        assertThat(created.path("protocol").asText()).isEqualTo("https");
        assertThat(created.path("host").asText()).isEqualTo("orders.internal");
        assertThat(created.path("port").asInt()).isEqualTo(8443);
        assertThat(created.path("path").asText()).isEqualTo("/v1");
        assertThat(created.path("retries").asInt()).isEqualTo(2);
        assertThat(created.path("connect_timeout").asInt()).isEqualTo(60000);
        assertThat(created.path("created_at").asLong()).isPositive();
        assertThat(created.has("client_certificate")).isTrue();

        Service service =
                cluster.client().services().inNamespace(NS).withName("orders").get();
        assertThat(service.getMetadata().getUid()).isEqualTo(created.path("id").asText());
        assertThat(service.getSpec().getType()).isEqualTo("ExternalName");
        assertThat(service.getSpec().getExternalName()).isEqualTo("orders.internal");
        assertThat(service.getSpec().getPorts().getFirst().getPort()).isEqualTo(8443);
        assertThat(service.getMetadata().getAnnotations())
                .containsEntry("konghq.com/protocol", "https")
                .containsEntry("konghq.com/path", "/v1")
                .containsEntry("konghq.com/retries", "2")
                .doesNotContainKey("konghq.com/connect-timeout");

        assertThat(join(gateway.get(EntityKind.SERVICES, "orders"))).isEqualTo(created);
        assertThat(join(gateway.get(EntityKind.SERVICES, created.path("id").asText())))
                .isEqualTo(created);

        ObjectNode changes = object().put("port", 9443).put("read_timeout", 5000);
        changes.putNull("path");
        ObjectNode updated =
                join(gateway.update(EntityKind.SERVICES, created.path("id").asText(), changes));
        assertThat(updated.path("port").asInt()).isEqualTo(9443);
        assertThat(updated.path("read_timeout").asInt()).isEqualTo(5000);
        assertThat(updated.path("path").isNull()).isTrue();
        assertThat(updated.path("retries").asInt()).as("unchanged").isEqualTo(2);
        assertThat(cluster.client()
                        .services()
                        .inNamespace(NS)
                        .withName("orders")
                        .get()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry("konghq.com/read-timeout", "5000")
                .doesNotContainKey("konghq.com/path");

        join(gateway.delete(EntityKind.SERVICES, created.path("id").asText()));
        assertThat(cluster.client()
                        .services()
                        .inNamespace(NS)
                        .withName("orders")
                        .get())
                .isNull();
        assertThat(refusal(gateway.get(EntityKind.SERVICES, "orders")).isNotFound())
                .isTrue();
    }

    @Test
    void namesKubernetesRefusesAreRefusedWithTheNameItWouldTake() {
        GatewayException refused = refusal(gateway.create(
                EntityKind.SERVICES, object().put("name", "Orders_API").put("host", "orders.internal")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.fieldErrors()).containsKey("name");
        assertThat(refused.getMessage()).contains("Orders_API").contains("orders-api");
    }

    @Test
    void aServiceThatSelectsPodsIsListedButKeepsItsHostAndIsNotDeletedFromHere() {
        cluster.client()
                .services()
                .inNamespace(NS)
                .resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                        .withNewMetadata()
                        .withName("redis")
                        .endMetadata()
                        .withNewSpec()
                        .addToSelector("app", "redis")
                        .addNewPort()
                        .withPort(6379)
                        .endPort()
                        .endSpec()
                        .build())
                .create();

        ObjectNode redis = join(gateway.get(EntityKind.SERVICES, "redis"));
        assertThat(redis.path("host").asText()).isEqualTo("redis." + NS + ".svc");
        assertThat(redis.path("port").asInt()).isEqualTo(6379);

        GatewayException moved = refusal(
                gateway.update(EntityKind.SERVICES, redis.path("id").asText(), object().put("host", "elsewhere")));
        assertThat(moved.fieldErrors()).containsKey("host");
        assertThat(refusal(gateway.delete(EntityKind.SERVICES, "redis")).getMessage())
                .contains("selects pods");
        assertThat(cluster.client().services().inNamespace(NS).withName("redis").get())
                .isNotNull();
    }

    @Test
    void routesAreKongIngressesSendingToTheirService() {
        ObjectNode service = service("orders", "http://orders.internal:8080");
        String serviceId = service.path("id").asText();
        ObjectNode route = object().put("name", "orders-rt").put("preserve_host", true);
        route.putArray("paths").add("/orders").add("~/v[0-9]+/orders");
        route.putArray("hosts").add("api.example.com");
        route.putArray("methods").add("GET");
        route.putObject("service").put("name", "orders");
        ObjectNode created = join(gateway.create(EntityKind.ROUTES, route));

        assertThat(created.path("service").path("id").asText()).isEqualTo(serviceId);
        assertThat(created.path("paths")).extracting(p -> p.asText()).containsExactly("/orders", "~/v[0-9]+/orders");
        assertThat(created.path("hosts").get(0).asText()).isEqualTo("api.example.com");
        assertThat(created.path("methods").get(0).asText()).isEqualTo("GET");
        assertThat(created.path("strip_path").asBoolean())
                .as("Kong's default, written for KIC")
                .isTrue();
        assertThat(created.path("preserve_host").asBoolean()).isTrue();
        assertThat(created.path("protocols")).extracting(p -> p.asText()).containsExactly("http", "https");

        Ingress ingress = cluster.client()
                .network()
                .v1()
                .ingresses()
                .inNamespace(NS)
                .withName("orders-rt")
                .get();
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("kong");
        assertThat(ingress.getSpec().getRules().getFirst().getHost()).isEqualTo("api.example.com");
        var paths = ingress.getSpec().getRules().getFirst().getHttp().getPaths();
        assertThat(paths).extracting(p -> p.getPath()).containsExactly("/orders", "/~/v[0-9]+/orders");
        assertThat(paths.getFirst().getBackend().getService().getName()).isEqualTo("orders");
        assertThat(paths.getFirst().getBackend().getService().getPort().getNumber())
                .isEqualTo(8080);
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("konghq.com/strip-path", "true")
                .containsEntry("konghq.com/preserve-host", "true")
                .containsEntry("konghq.com/methods", "GET");

        assertThat(join(gateway.listAll(new EntityOwner(EntityKind.SERVICES, "orders"), EntityKind.ROUTES)))
                .extracting(r -> r.path("name").asText())
                .containsExactly("orders-rt");

        ObjectNode changes = object().put("strip_path", false);
        changes.putArray("paths").add("/shop/orders");
        ObjectNode updated = join(gateway.update(EntityKind.ROUTES, "orders-rt", changes));
        assertThat(updated.path("strip_path").asBoolean()).isFalse();
        assertThat(updated.path("paths").get(0).asText()).isEqualTo("/shop/orders");
        assertThat(updated.path("methods").get(0).asText()).as("unchanged").isEqualTo("GET");

        // The service's port moves its routes' backends with it.
        join(gateway.update(EntityKind.SERVICES, serviceId, object().put("port", 9090)));
        assertThat(cluster.client()
                        .network()
                        .v1()
                        .ingresses()
                        .inNamespace(NS)
                        .withName("orders-rt")
                        .get()
                        .getSpec()
                        .getRules()
                        .getFirst()
                        .getHttp()
                        .getPaths()
                        .getFirst()
                        .getBackend()
                        .getService()
                        .getPort()
                        .getNumber())
                .isEqualTo(9090);

        GatewayException inUse = refusal(gateway.delete(EntityKind.SERVICES, serviceId));
        assertThat(inUse.code()).contains(4);
        assertThat(inUse.getMessage()).contains("'routes' entity references this 'services' entity");

        join(gateway.delete(EntityKind.ROUTES, updated.path("id").asText()));
        assertThat(cluster.client()
                        .network()
                        .v1()
                        .ingresses()
                        .inNamespace(NS)
                        .withName("orders-rt")
                        .get())
                .isNull();
        join(gateway.delete(EntityKind.SERVICES, serviceId));
    }

    @Test
    void aRouteNeedsAServiceAndAnIngressOfAnotherClassIsNoRoute() {
        GatewayException noService =
                refusal(gateway.create(EntityKind.ROUTES, (ObjectNode) object().put("name", "lonely")));
        assertThat(noService.fieldErrors()).containsKey("service");

        ObjectNode other = object().put("name", "x");
        other.putObject("service").put("name", "missing");
        assertThat(refusal(gateway.create(EntityKind.ROUTES, other)).code()).contains(13);

        cluster.client()
                .network()
                .v1()
                .ingresses()
                .inNamespace(NS)
                .resource(new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder()
                        .withNewMetadata()
                        .withName("nginx-one")
                        .endMetadata()
                        .withNewSpec()
                        .withIngressClassName("nginx")
                        .endSpec()
                        .build())
                .create();
        assertThat(join(gateway.listAll(EntityKind.ROUTES))).isEmpty();
    }

    @Test
    void pagesFollowIdsToTheEndAndListAllHandsEveryPage() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(service("svc-" + i, "http://svc-" + i + ".internal")
                    .path("id")
                    .asText());
        }

        List<String> seen = new ArrayList<>();
        Optional<String> offset = Optional.empty();
        int pages = 0;
        do {
            EntityPage page = join(gateway.page(EntityKind.SERVICES, 2, offset));
            assertThat(page.data()).hasSizeLessThanOrEqualTo(2);
            page.data().forEach(s -> seen.add(s.path("id").asText()));
            offset = page.nextOffset();
            pages++;
        } while (offset.isPresent());

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());

        List<List<ObjectNode>> handed = new ArrayList<>();
        List<ObjectNode> all = join(gateway.listAll(EntityKind.SERVICES, handed::add));
        assertThat(all).hasSize(5);
        assertThat(handed).hasSize(1).first().asList().hasSize(5);
    }

    @Test
    void consumersAreKongConsumersWithCredentialSecrets() {
        ObjectNode consumer = object().put("username", "Demo User").put("custom_id", "c-1");
        consumer.putArray("tags").add("team-a");
        ObjectNode created = join(gateway.create(EntityKind.CONSUMERS, consumer));
        String consumerId = created.path("id").asText();
        assertThat(created.path("username").asText()).isEqualTo("Demo User");
        assertThat(created.path("tags").get(0).asText()).isEqualTo("team-a");

        GenericKubernetesResource kongConsumer = kongConsumer("demo-user");
        assertThat(kongConsumer.getMetadata().getAnnotations())
                .containsEntry("kubernetes.io/ingress.class", "kong")
                .containsEntry("konghq.com/tags", "team-a");
        assertThat(kongConsumer.getAdditionalProperties()).containsEntry("username", "Demo User");

        assertThat(refusal(gateway.create(EntityKind.CONSUMERS, object().put("username", "Demo User")))
                        .isUniqueViolation())
                .isTrue();
        assertThat(refusal(gateway.create(EntityKind.CONSUMERS, object().put("tags", "x")))
                        .fieldErrors())
                .containsKey(GatewayException.ENTITY_FIELD);

        EntityOwner owner = new EntityOwner(EntityKind.CONSUMERS, "Demo User");
        ObjectNode key = join(gateway.create(owner, EntityKind.KEY_AUTH_CREDENTIALS, object()));
        assertThat(key.path("key").asText()).as("generated as Kong does").matches("[A-Za-z0-9]{32}");
        assertThat(key.path("consumer").path("id").asText()).isEqualTo(consumerId);
        ObjectNode group = join(gateway.create(owner, EntityKind.ACL_GROUPS, object().put("group", "admins")));

        assertThat(kongConsumer("demo-user").getAdditionalProperties().get("credentials"))
                .isEqualTo(List.of("demo-user-key-auth", "demo-user-acl-admins"));
        Secret secret = cluster.client()
                .secrets()
                .inNamespace(NS)
                .withName("demo-user-key-auth")
                .get();
        assertThat(secret.getMetadata().getLabels()).containsEntry("konghq.com/credential", "key-auth");
        assertThat(secret.getMetadata().getUid()).isEqualTo(key.path("id").asText());

        assertThat(join(gateway.get(
                        EntityKind.KEY_AUTH_CREDENTIALS, key.path("key").asText())))
                .isEqualTo(key);
        assertThat(join(gateway.listAll(owner, EntityKind.ACL_GROUPS)))
                .extracting(g -> g.path("group").asText())
                .containsExactly("admins");

        // Another consumer may not take the key.
        ObjectNode other = join(gateway.create(EntityKind.CONSUMERS, object().put("username", "other")));
        GatewayException taken = refusal(gateway.create(
                new EntityOwner(EntityKind.CONSUMERS, other.path("id").asText()),
                EntityKind.KEY_AUTH_CREDENTIALS,
                object().put("key", key.path("key").asText())));
        assertThat(taken.isUniqueViolation()).isTrue();
        assertThat(taken.getMessage()).doesNotContain(key.path("key").asText());

        ObjectNode rekeyed = join(gateway.update(
                EntityKind.KEY_AUTH_CREDENTIALS, key.path("id").asText(), object().put("key", "s3cret")));
        assertThat(rekeyed.path("key").asText()).isEqualTo("s3cret");

        join(gateway.delete(EntityKind.ACL_GROUPS, group.path("id").asText()));
        assertThat(kongConsumer("demo-user").getAdditionalProperties().get("credentials"))
                .isEqualTo(List.of("demo-user-key-auth"));
        assertThat(cluster.client()
                        .secrets()
                        .inNamespace(NS)
                        .withName("demo-user-acl-admins")
                        .get())
                .isNull();

        ObjectNode renamed = join(gateway.update(EntityKind.CONSUMERS, consumerId, object().put("username", "demo")));
        assertThat(renamed.path("username").asText()).isEqualTo("demo");
        assertThat(renamed.path("custom_id").asText()).isEqualTo("c-1");

        join(gateway.delete(EntityKind.CONSUMERS, consumerId));
        assertThat(cluster.client()
                        .secrets()
                        .inNamespace(NS)
                        .withName("demo-user-key-auth")
                        .get())
                .as("Kong deletes a consumer's credentials with it")
                .isNull();
        assertThat(join(gateway.listAll(EntityKind.KEY_AUTH_CREDENTIALS))).isEmpty();
    }

    @Test
    void pluginsAreKongPluginsNamedOnWhatTheyApplyToAndGlobalOnesKongClusterPlugins() {
        String serviceId =
                service("orders", "http://orders.internal").path("id").asText();
        String routeId = route("orders-rt", serviceId, "/orders").path("id").asText();
        String consumerId = join(gateway.create(EntityKind.CONSUMERS, object().put("username", "bob")))
                .path("id")
                .asText();

        ObjectNode keyAuth = object().put("name", "key-auth");
        keyAuth.putObject("route").put("id", routeId);
        keyAuth.putObject("config").putArray("key_names").add("apiKey");
        ObjectNode onRoute = join(gateway.create(EntityKind.PLUGINS, keyAuth));
        assertThat(onRoute.path("route").path("id").asText()).isEqualTo(routeId);
        assertThat(onRoute.path("service").isNull()).isTrue();
        assertThat(onRoute.path("enabled").asBoolean()).isTrue();
        assertThat(onRoute.path("config").path("key_names").get(0).asText()).isEqualTo("apiKey");

        ObjectNode rateLimit = object().put("name", "rate-limiting").put("enabled", false);
        rateLimit.putObject("service").put("name", "orders");
        rateLimit.putObject("consumer").put("username", "bob");
        rateLimit.putObject("config").put("minute", 5);
        ObjectNode onServiceAndConsumer = join(gateway.create(EntityKind.PLUGINS, rateLimit));
        assertThat(onServiceAndConsumer.path("service").path("id").asText()).isEqualTo(serviceId);
        assertThat(onServiceAndConsumer.path("consumer").path("id").asText()).isEqualTo(consumerId);
        assertThat(onServiceAndConsumer.path("enabled").asBoolean()).isFalse();

        ObjectNode cors = join(gateway.create(EntityKind.PLUGINS, object().put("name", "cors")));
        assertThat(cors.path("route").isNull()).isTrue();

        assertThat(ingressAnnotations("orders-rt")).containsEntry("konghq.com/plugins", "orders-rt-key-auth");
        assertThat(cluster.client()
                        .services()
                        .inNamespace(NS)
                        .withName("orders")
                        .get()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry("konghq.com/plugins", "orders-bob-rate-limiting");
        assertThat(kongConsumer("bob").getMetadata().getAnnotations())
                .containsEntry("konghq.com/plugins", "orders-bob-rate-limiting");
        GenericKubernetesResource global = cluster.client()
                .genericKubernetesResources(context("kongclusterplugins", "KongClusterPlugin", false))
                .withName("cors")
                .get();
        assertThat(global.getMetadata().getLabels()).containsEntry("global", "true");
        assertThat(global.getAdditionalProperties()).containsEntry("plugin", "cors");

        assertThat(join(gateway.listAll(EntityKind.PLUGINS))).hasSize(3);
        assertThat(join(gateway.listAll(new EntityOwner(EntityKind.ROUTES, routeId), EntityKind.PLUGINS)))
                .extracting(p -> p.path("name").asText())
                .containsExactly("key-auth");

        ObjectNode again = object().put("name", "key-auth");
        again.putObject("route").put("name", "orders-rt");
        assertThat(refusal(gateway.create(EntityKind.PLUGINS, again)).isUniqueViolation())
                .isTrue();

        ObjectNode changes = object();
        changes.putObject("config").putArray("key_names").add("x-key");
        changes.putNull("route");
        changes.putObject("service").put("id", serviceId);
        ObjectNode moved =
                join(gateway.update(EntityKind.PLUGINS, onRoute.path("id").asText(), changes));
        assertThat(moved.path("service").path("id").asText()).isEqualTo(serviceId);
        assertThat(moved.path("route").isNull()).isTrue();
        assertThat(moved.path("config").path("key_names").get(0).asText()).isEqualTo("x-key");
        assertThat(ingressAnnotations("orders-rt")).doesNotContainKey("konghq.com/plugins");

        assertThat(refusal(gateway.update(
                                EntityKind.PLUGINS, moved.path("id").asText(), object().put("name", "basic-auth")))
                        .fieldErrors())
                .containsKey("name");

        // Kong deletes a consumer's plugins with it; a plugin the service also names stays.
        ObjectNode bobOnly = object().put("name", "acl");
        bobOnly.putObject("consumer").put("id", consumerId);
        bobOnly.putObject("config").putArray("allow").add("admins");
        join(gateway.create(EntityKind.PLUGINS, bobOnly));
        join(gateway.delete(EntityKind.CONSUMERS, consumerId));
        assertThat(join(gateway.listAll(EntityKind.PLUGINS)))
                .extracting(p -> p.path("name").asText())
                .containsExactlyInAnyOrder("key-auth", "rate-limiting", "cors");

        join(gateway.delete(EntityKind.PLUGINS, cors.path("id").asText()));
        join(gateway.delete(EntityKind.PLUGINS, moved.path("id").asText()));
        assertThat(cluster.client()
                        .services()
                        .inNamespace(NS)
                        .withName("orders")
                        .get()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry("konghq.com/plugins", "orders-bob-rate-limiting");
        assertThat(join(gateway.listAll(EntityKind.PLUGINS)))
                .extracting(p -> p.path("name").asText())
                .containsExactly("rate-limiting");
    }

    @Test
    void theNodeIsKubernetesWithKicsIngressClassAndSchemasNeedAKongAdminApi() {
        GatewayNode node = join(gateway.node());
        // no controller Deployment here: the cluster's version; with one, KIC's (below)
        assertThat(node.product()).isEqualTo("Kong Ingress Controller");
        assertThat(node.version()).isEqualTo("Kubernetes v1.31.2");
        assertThat(node.tagline()).contains("ingress-controllers.konghq.com/kong");
        cluster.client()
                .apps()
                .deployments()
                .inNamespace(NS)
                .resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                        .withNewMetadata()
                        .withName("kong-controller")
                        .endMetadata()
                        .withNewSpec()
                        .withNewTemplate()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("ingress-controller")
                        .withImage("kong/kubernetes-ingress-controller:3.5.1")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        assertThat(join(gateway.node()).version()).isEqualTo("KIC 3.5.1");
        assertThat(gateway.address().toString()).startsWith("https://");

        GatewayException noSchemas = refusal(gateway.schema(EntityKind.SERVICES));
        assertThat(noSchemas.getMessage()).contains("Kong Admin API");
        assertThat(refusal(gateway.enabledPlugins()).getMessage()).contains("Kong Admin API");
    }

    private java.util.Map<String, String> ingressAnnotations(String name) {
        return cluster.client()
                .network()
                .v1()
                .ingresses()
                .inNamespace(NS)
                .withName(name)
                .get()
                .getMetadata()
                .getAnnotations();
    }

    private GenericKubernetesResource kongConsumer(String name) {
        return cluster.client()
                .genericKubernetesResources(context("kongconsumers", "KongConsumer", true))
                .inNamespace(NS)
                .withName(name)
                .get();
    }

    static ResourceDefinitionContext context(String plural, String kind, boolean namespaced) {
        return new ResourceDefinitionContext.Builder()
                .withGroup("configuration.konghq.com")
                .withVersion("v1")
                .withPlural(plural)
                .withKind(kind)
                .withNamespaced(namespaced)
                .build();
    }
}
