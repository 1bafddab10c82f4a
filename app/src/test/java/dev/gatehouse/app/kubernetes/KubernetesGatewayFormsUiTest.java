package dev.gatehouse.app.kubernetes;

import static dev.gatehouse.app.testing.FormRobot.addChip;
import static dev.gatehouse.app.testing.FormRobot.byId;
import static dev.gatehouse.app.testing.FormRobot.pick;
import static dev.gatehouse.app.testing.FormRobot.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.kong.KongGatewayRepository;
import dev.gatehouse.app.kubernetes.testing.ClusterConsole;
import dev.gatehouse.app.kubernetes.testing.KongAdminFixture;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.consumers.ConsumersPage;
import dev.gatehouse.app.pages.consumers.ConsumersViewModel;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.pages.plugins.PluginsPage;
import dev.gatehouse.app.pages.routes.RoutesPage;
import dev.gatehouse.app.pages.services.ServicesPage;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.GatewaySeed;
import dev.gatehouse.app.testing.TestRuntimes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The gateway half of the seed done on a Kubernetes connection through the console's forms, as
 * {@code GatewayPagesUiTest} does it on the sandbox: a service, a route on it, key-auth on the route with
 * {@code key_names: [apiKey]}, a consumer and its key {@code 123test}. The forms get Kong's schemas through the
 * port-forward to KIC's Kong Admin API. The resources written are then read with a plain client and compared with
 * the seed's manifests: the Ingress of class kong annotated with the KongPlugin, the KongPlugin key-auth, the
 * KongConsumer with its credential Secret.
 */
@ExtendWith(ApplicationExtension.class)
class KubernetesGatewayFormsUiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private ClusterConsole console;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        console = ClusterConsole.start(dir, stage, true);
        context = console.context();
    }

    @Stop
    void stop() {
        console.close();
    }

    private static void waitUntil(Callable<Boolean> condition) {
        await().atMost(WAIT).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }

    private void open(FxRobot robot, PageId page) {
        waitUntil(() -> context.connection().gatewayUp());
        robot.clickOn("#nav-" + page.value());
        waitUntil(() -> !((EntityPageViewModel) context.pageModel(page))
                .loadingProperty()
                .get());
    }

    private static int rows(FxRobot robot) {
        return robot.lookup("#table").queryAs(TableView.class).getItems().size();
    }

    private static void create(FxRobot robot) {
        robot.clickOn("#create");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
    }

    private static void save(FxRobot robot) {
        robot.clickOn("#form-save");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void theGatewayHalfOfTheSeedIsDoneThroughTheFormsOnKubernetes(FxRobot robot) {
        KubernetesClient cluster = console.cluster().client();
        String ns = KongAdminFixture.NAMESPACE;

        // the service, with Kong's url shorthand: a Service of type ExternalName
        open(robot, ServicesPage.ID);
        create(robot);
        type(robot, "field-name", "demo-app");
        type(robot, "field-url", "http://demo-app.mesh:80");
        save(robot);
        waitUntil(() -> cluster.services().inNamespace(ns).withName("demo-app").get() != null);
        assertThat(cluster.services()
                        .inNamespace(ns)
                        .withName("demo-app")
                        .get()
                        .getSpec()
                        .getExternalName())
                .isEqualTo("demo-app.mesh");

        // the route on it: an Ingress of class kong
        open(robot, RoutesPage.ID);
        create(robot);
        type(robot, "field-name", "demo-rt");
        waitUntil(() -> !((ComboBox<?>) byId(robot, "field-service")).getItems().isEmpty());
        pick(robot, "field-service", "demo-app");
        addChip(robot, "field-paths", "/");
        save(robot);
        waitUntil(() -> cluster.network()
                        .v1()
                        .ingresses()
                        .inNamespace(ns)
                        .withName("demo-rt")
                        .get()
                != null);

        // key-auth on the route, key_names [apiKey]: a KongPlugin the Ingress names
        open(robot, PluginsPage.ID);
        waitUntil(() -> ((ComboBox<?>) robot.lookup("#plugin-choice").query()).getValue() != null);
        create(robot);
        waitUntil(() -> !((ComboBox<?>) byId(robot, "field-route")).getItems().isEmpty());
        pick(robot, "field-route", "demo-rt");
        robot.clickOn((Node) byId(robot, "field-config.key_names-editor"));
        robot.type(KeyCode.BACK_SPACE);
        robot.write("apiKey");
        robot.type(KeyCode.ENTER);
        save(robot);
        waitUntil(() -> !cluster.genericKubernetesResources("configuration.konghq.com/v1", "KongPlugin")
                .inNamespace(ns)
                .list()
                .getItems()
                .isEmpty());
        List<GenericKubernetesResource> plugins = cluster.genericKubernetesResources(
                        "configuration.konghq.com/v1", "KongPlugin")
                .inNamespace(ns)
                .list()
                .getItems();
        assertThat(plugins).singleElement().satisfies(p -> {
            assertThat(p.getAdditionalProperties()).containsEntry("plugin", "key-auth");
            assertThat(map(p.getAdditionalProperties().get("config")).get("key_names"))
                    .isEqualTo(List.of("apiKey"));
        });
        Ingress ingress = cluster.network()
                .v1()
                .ingresses()
                .inNamespace(ns)
                .withName("demo-rt")
                .get();
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("kong");
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry(
                        "konghq.com/plugins", plugins.getFirst().getMetadata().getName());

        // the consumer and its key: a KongConsumer with its credential Secret
        open(robot, ConsumersPage.ID);
        create(robot);
        type(robot, "field-username", "demo-user");
        save(robot);
        waitUntil(() ->
                rows(robot) == 1 && robot.lookup("#credential-key").tryQuery().isPresent());
        robot.clickOn("#credential-key").write("123test");
        robot.clickOn("#credential-add");
        waitUntil(() -> ((ConsumersViewModel) context.pageModel(ConsumersPage.ID))
                        .credentials()
                        .keys()
                        .size()
                == 1);
        List<GenericKubernetesResource> consumers = cluster.genericKubernetesResources(
                        "configuration.konghq.com/v1", "KongConsumer")
                .inNamespace(ns)
                .list()
                .getItems();
        assertThat(consumers).singleElement().satisfies(c -> {
            assertThat(c.getAdditionalProperties()).containsEntry("username", "demo-user");
            assertThat(c.getMetadata().getAnnotations()).containsEntry("kubernetes.io/ingress.class", "kong");
        });
        List<Secret> keys = cluster.secrets()
                .inNamespace(ns)
                .withLabel("konghq.com/credential", "key-auth")
                .list()
                .getItems();
        assertThat(keys)
                .singleElement()
                .satisfies(secret -> assertThat(new String(
                                Base64.getDecoder().decode(secret.getData().get("key")), StandardCharsets.UTF_8))
                        .isEqualTo("123test"));
        assertThat(map(consumers.getFirst().getAdditionalProperties()).get("credentials"))
                .isEqualTo(List.of(keys.getFirst().getMetadata().getName()));
    }

    /**
     * "Compare with what Kong loaded" through the port-forward to KIC's Kong (the embedded gateway here): nothing
     * loaded yet, each object is named as missing; once Kong holds what KIC would push for them (entities tagged with
     * their objects, kubernetes-ingress-controller internal/util/k8s.go GenerateTagsForObject), Kong runs what the
     * cluster says.
     */
    @Test
    void comparingWithWhatKongLoadedNamesWhatItLacksUntilItHasEverything(FxRobot robot) throws Exception {
        waitUntil(() -> context.connection().gatewayUp());
        GatewayRepository console = context.connection().apis().gateway().orElseThrow();
        GatewaySeed.seed(console);
        open(robot, RoutesPage.ID);
        waitUntil(() -> robot.lookup("#kong-loaded-compare")
                .tryQuery()
                .map(Node::isVisible)
                .orElse(false));

        robot.clickOn("#kong-loaded-compare");
        waitUntil(
                () -> robot.lookup("#kong-loaded-summary").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#kong-loaded-summary").queryAs(Label.class).getText())
                .isEqualTo("Kong differs from the cluster (routes 0 of 1, services 0 of 1, plugins 0 of 2, consumers"
                        + " 0 of 1 loaded):");
        assertThat(robot.lookup("#kong-loaded-rows").queryAs(VBox.class).getChildren())
                .extracting(n -> ((Label) n).getText())
                .contains("Not in Kong \u00b7 Ingress demo-rt \u2014 Kong has nothing from it: the controller has not"
                        + " synced it yet, or does not take it (no event says why).");
        shots("kong-loaded-differs");

        try (KongAdminClient admin = TestRuntimes.kong(console().kongAdmin())) {
            pushAsKic(console, new KongGatewayRepository(admin));
            robot.clickOn("#kong-loaded-compare");
            waitUntil(() -> robot.lookup("#kong-loaded-summary")
                    .queryAs(Label.class)
                    .getText()
                    .startsWith("Kong runs what the cluster says"));
        }
        assertThat(robot.lookup("#kong-loaded-summary").queryAs(Label.class).getText())
                .isEqualTo("Kong runs what the cluster says (routes 1 of 1, services 1 of 1, plugins 2 of 2,"
                        + " consumers 1 of 1 loaded).");
        assertThat(robot.lookup("#kong-loaded-rows").queryAs(VBox.class).getChildren())
                .isEmpty();
        shots("kong-loaded-in-sync");
        robot.clickOn("#kong-loaded-hide");
        waitUntil(
                () -> !robot.lookup("#kong-loaded-summary").queryAs(Label.class).isVisible());
    }

    private ClusterConsole console() {
        return console;
    }

    private void shots(String name) throws Exception {
        String shots = System.getProperty("kubernetes.shots");
        if (shots != null) {
            FxShots.themes(context, java.nio.file.Files.createDirectories(Path.of(shots)), name, 30);
        }
    }

    /** What KIC would push to Kong for the console's entities: each tagged with its object, references by Kong id. */
    private static void pushAsKic(GatewayRepository console, GatewayRepository kong) {
        Map<String, String> kongIds = new java.util.HashMap<>();
        // KIC makes Kong services of the Services routes send to, not of every Service in the namespace.
        java.util.Set<String> backends = new java.util.HashSet<>();
        console.listAll(EntityKind.ROUTES)
                .join()
                .forEach(r -> backends.add(r.path("service").path("id").asText()));
        for (EntityKind kind :
                List.of(EntityKind.SERVICES, EntityKind.ROUTES, EntityKind.CONSUMERS, EntityKind.PLUGINS)) {
            for (ObjectNode entity : console.listAll(kind).join()) {
                if (kind == EntityKind.SERVICES
                        && !backends.contains(entity.path("id").asText())) {
                    continue;
                }
                ObjectNode copy = entity.deepCopy();
                copy.remove(List.of("id", "created_at", "updated_at", "tags"));
                for (String scope : List.of("service", "route", "consumer")) {
                    if (copy.path(scope).has("id")) {
                        ((ObjectNode) copy.get(scope))
                                .put(
                                        "id",
                                        kongIds.get(copy.path(scope).path("id").asText()));
                    }
                }
                boolean global = kind == EntityKind.PLUGINS
                        && copy.path("route").isNull()
                        && copy.path("service").isNull()
                        && copy.path("consumer").isNull();
                String objectKind = switch (kind) {
                    case SERVICES -> "Service";
                    case ROUTES -> "Ingress";
                    case CONSUMERS -> "KongConsumer";
                    default -> global ? "KongClusterPlugin" : "KongPlugin";
                };
                var tags = copy.putArray("tags")
                        .add("k8s-name:"
                                + entity.path("name")
                                        .asText(entity.path("username").asText()))
                        .add("k8s-kind:" + objectKind)
                        .add("k8s-uid:" + entity.path("id").asText());
                if (!global) {
                    tags.add("k8s-namespace:" + KongAdminFixture.NAMESPACE);
                }
                kongIds.put(
                        entity.path("id").asText(),
                        kong.create(kind, copy).join().path("id").asText());
            }
        }
    }
}
