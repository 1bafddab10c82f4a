package dev.gatehouse.app.kubernetes.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.kubernetes.testing.GatewayMockCluster;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.gateway.LoadedConfiguration;
import dev.gatehouse.app.repository.gateway.LoadedConfiguration.KindComparison;
import dev.gatehouse.app.repository.gateway.LoadedConfiguration.Mismatch;
import dev.gatehouse.app.testing.TestGateway;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Compare with what Kong actually loaded": the namespace's objects (Fabric8's mock API server, CRUD mode) against a
 * Kong Admin API (an embedded gateway standing in for KIC's Kong behind the port-forward) holding what KIC would have
 * pushed: entities tagged with the objects they come from, as KIC's GenerateTagsForObject tags them
 * (kubernetes-ingress-controller internal/util/k8s.go), one Ingress not translated (with KIC's Warning Event), and a
 * route of an Ingress deleted since.
 */
class KongLoadedCheckTest {

    private static final String NS = GatewayMockCluster.NAMESPACE;

    @TempDir
    Path dir;

    private GatewayMockCluster cluster;
    private TestGateway kong;
    private KubernetesGatewayRepository gateway;

    @BeforeEach
    void start() {
        cluster = GatewayMockCluster.start();
        kong = TestGateway.start(dir);
        gateway = new KubernetesGatewayRepository(
                cluster.client(), NS, Executors.newVirtualThreadPerTaskExecutor(), Optional.of(kong.repository()));
    }

    @AfterEach
    void stop() {
        kong.close();
        cluster.close();
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private ObjectNode create(GatewayRepository repository, EntityKind kind, ObjectNode entity) {
        return repository.create(kind, entity).join();
    }

    /** KIC's tags for the object behind {@code entity} (this console's entity id is the object's uid). */
    private static ArrayNode kicTags(ObjectNode entity, String kind, String name) {
        ArrayNode tags = JsonNodeFactory.instance.arrayNode();
        tags.add("k8s-name:" + name)
                .add("k8s-namespace:" + NS)
                .add("k8s-kind:" + kind)
                .add("k8s-uid:" + entity.path("id").asText())
                .add("k8s-version:v1");
        return tags;
    }

    @Test
    void whatKongRunsIsMatchedByUidAndWhatItLacksOrStillRunsIsExplained() {
        ObjectNode orders = create(
                gateway, EntityKind.SERVICES, object().put("name", "orders").put("url", "http://orders:80"));
        ObjectNode billing = create(
                gateway, EntityKind.SERVICES, object().put("name", "billing").put("url", "http://billing:80"));
        ObjectNode unused = create(
                gateway, EntityKind.SERVICES, object().put("name", "unused").put("url", "http://unused:80"));
        ObjectNode ordersRoute = object().put("name", "orders-rt");
        ordersRoute.putArray("paths").add("/orders");
        ordersRoute.putObject("service").put("id", orders.path("id").asText());
        ordersRoute = create(gateway, EntityKind.ROUTES, ordersRoute);
        ObjectNode billingRoute = object().put("name", "billing-rt");
        billingRoute.putArray("paths").add("/billing");
        billingRoute.putObject("service").put("id", billing.path("id").asText());
        billingRoute = create(gateway, EntityKind.ROUTES, billingRoute);
        ObjectNode keyAuth = object().put("name", "key-auth");
        keyAuth.putObject("route").put("id", ordersRoute.path("id").asText());
        keyAuth = create(gateway, EntityKind.PLUGINS, keyAuth);
        ObjectNode alice = create(gateway, EntityKind.CONSUMERS, object().put("username", "alice"));

        // What KIC pushed to Kong: orders and its route, plugin and consumer; an old Ingress's route; not billing.
        GatewayRepository admin = kong.repository();
        ObjectNode kongOrders = object().put("name", "shop.orders.80").put("url", "http://orders:80");
        kongOrders.set("tags", kicTags(orders, "Service", "orders"));
        kongOrders = create(admin, EntityKind.SERVICES, kongOrders);
        ObjectNode kongRoute = object().put("name", "shop.orders-rt.00");
        kongRoute.putArray("paths").add("/orders");
        kongRoute.putObject("service").put("id", kongOrders.path("id").asText());
        kongRoute.set("tags", kicTags(ordersRoute, "Ingress", "orders-rt"));
        kongRoute = create(admin, EntityKind.ROUTES, kongRoute);
        ObjectNode kongPlugin = object().put("name", "key-auth");
        kongPlugin.putObject("route").put("id", kongRoute.path("id").asText());
        kongPlugin.set("tags", kicTags(keyAuth, "KongPlugin", "orders-rt-key-auth"));
        create(admin, EntityKind.PLUGINS, kongPlugin);
        ObjectNode kongAlice = object().put("username", "alice");
        kongAlice.set("tags", kicTags(alice, "KongConsumer", "alice"));
        create(admin, EntityKind.CONSUMERS, kongAlice);
        ObjectNode stale = object().put("name", "shop.old-rt.00");
        stale.putArray("paths").add("/old");
        stale.putObject("service").put("id", kongOrders.path("id").asText());
        stale.set("tags", kicTags(object().put("id", "0b9c-gone"), "Ingress", "old-rt"));
        create(admin, EntityKind.ROUTES, stale);
        // Another namespace's route in the same Kong is none of this namespace's business.
        ObjectNode elsewhere = object().put("name", "other.web.00");
        elsewhere.putArray("paths").add("/web");
        elsewhere.putObject("service").put("id", kongOrders.path("id").asText());
        elsewhere
                .putArray("tags")
                .add("k8s-namespace:other")
                .add("k8s-kind:Ingress")
                .add("k8s-uid:77aa-other");
        create(admin, EntityKind.ROUTES, elsewhere);
        // A Service that a deleted route sent to: Kong still runs it until KIC syncs.
        ObjectNode kongUnused = object().put("name", "shop.unused.80").put("url", "http://unused:80");
        kongUnused.set("tags", kicTags(unused, "Service", "unused"));
        create(admin, EntityKind.SERVICES, kongUnused);
        // KIC's Warning on the Ingress it could not translate.
        cluster.client()
                .v1()
                .events()
                .inNamespace(NS)
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withName("billing-rt.1")
                        .endMetadata()
                        .withType("Warning")
                        .withReason("KongConfigurationTranslationFailed")
                        .withMessage("failed to translate Ingress: no Service billing port 80")
                        .withLastTimestamp("2026-12-04T16:00:00Z")
                        .withNewInvolvedObject()
                        .withKind("Ingress")
                        .withName("billing-rt")
                        .withNamespace(NS)
                        .withUid(billingRoute.path("id").asText())
                        .endInvolvedObject()
                        .build())
                .create();

        LoadedConfiguration.Comparison comparison =
                gateway.loadedConfiguration().orElseThrow().compare().join();

        assertThat(comparison.inSync()).isFalse();
        Map<EntityKind, KindComparison> byKind =
                comparison.kinds().stream().collect(Collectors.toMap(KindComparison::kind, Function.identity()));
        KindComparison routes = byKind.get(EntityKind.ROUTES);
        assertThat(routes.shown()).isEqualTo(2);
        assertThat(routes.loaded()).isEqualTo(1);
        assertThat(routes.notLoaded())
                .containsExactly(new Mismatch(
                        "Ingress billing-rt",
                        "KongConfigurationTranslationFailed: failed to translate Ingress: no Service billing port 80"));
        assertThat(routes.notShown()).singleElement().satisfies(m -> {
            assertThat(m.object()).isEqualTo("Ingress old-rt");
            assertThat(m.why()).startsWith("Kong runs route shop.old-rt.00 from it");
        });
        KindComparison services = byKind.get(EntityKind.SERVICES);
        // The unused Service is no route's backend: KIC makes no Kong service of it, and none is expected.
        assertThat(services.shown()).isEqualTo(2);
        assertThat(services.loaded()).isEqualTo(1);
        assertThat(services.notLoaded()).extracting(Mismatch::object).containsExactly("Service billing");
        assertThat(services.notLoaded().getFirst().why()).contains("not synced it yet");
        assertThat(services.notShown())
                .containsExactly(new Mismatch(
                        "Service unused",
                        "Kong runs service shop.unused.80 from it, but no route sends to it any more: the controller"
                                + " has not synced the change yet."));
        assertThat(byKind.get(EntityKind.PLUGINS).notLoaded()).isEmpty();
        assertThat(byKind.get(EntityKind.PLUGINS).loaded()).isEqualTo(1);
        assertThat(byKind.get(EntityKind.CONSUMERS).loaded()).isEqualTo(1);
        assertThat(byKind.get(EntityKind.CONSUMERS).notShown()).isEmpty();
    }

    @Test
    void withoutAKongAdminApiThereIsNothingToCompareWith() {
        assertThat(cluster.repository(Optional.empty()).loadedConfiguration()).isEmpty();
    }
}
