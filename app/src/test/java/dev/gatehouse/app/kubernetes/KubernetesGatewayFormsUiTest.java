package dev.gatehouse.app.kubernetes;

import static dev.gatehouse.app.testing.FormRobot.addChip;
import static dev.gatehouse.app.testing.FormRobot.byId;
import static dev.gatehouse.app.testing.FormRobot.pick;
import static dev.gatehouse.app.testing.FormRobot.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.kubernetes.testing.ClusterConsole;
import dev.gatehouse.app.kubernetes.testing.KongAdminFixture;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.consumers.ConsumersPage;
import dev.gatehouse.app.pages.consumers.ConsumersViewModel;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.pages.plugins.PluginsPage;
import dev.gatehouse.app.pages.routes.RoutesPage;
import dev.gatehouse.app.pages.services.ServicesPage;
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
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
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
}
