package dev.gatehouse.app.pages.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.repository.gateway.GatewayProxy;
import dev.gatehouse.app.repository.gateway.ProxyRequest;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.testing.TestRuntimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18, gateway side, driven like a user against the embedded sandbox: a route no authentication plugin applies
 * to is flagged, "Require key-auth" previews the plugin and who has keys (never the keys), and once confirmed the
 * real proxy answers 401 without a key and 200 with a consumer's key. With {@code -Drouteauth.shots=DIR} it writes
 * the flagged table and the preview, light and dark.
 */
@ExtendWith(ApplicationExtension.class)
class RouteAuthUiTest {

    private static final String KEY_ONE = "s3cret-key-one";
    private static final String KEY_TWO = "s3cret-key-two";
    private static final String ANYONE =
            "Anyone can call this route: no authentication plugin applies to it (route, service or global).";

    @TempDir
    static Path dir;

    private AppContext context;
    private KongAdminClient kong;

    @Start
    void start(Stage stage) {
        context = TestConsoles.onSandbox(dir.resolve("run-" + System.nanoTime()), stage);
        stage.requestFocus();
    }

    @Stop
    void stop() {
        if (kong != null) {
            kong.close();
        }
        context.close();
    }

    private static void waitUntil(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(20)).until(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private KongAdminClient kong() {
        if (kong == null) {
            kong = TestRuntimes.kong(
                    context.connection().apis().gateway().orElseThrow().address());
        }
        return kong;
    }

    private RoutesViewModel routes() {
        return (RoutesViewModel) context.pageModel(RoutesPage.ID);
    }

    private void openRoutes(FxRobot robot, int expected) {
        robot.clickOn("#nav-routes");
        waitUntil(() -> !routes().loadingProperty().get()
                && routes().items().size() == expected
                && robot.lookup("#table").queryAs(TableView.class).getItems().size() == expected);
    }

    private static void select(FxRobot robot, String route) {
        robot.clickOn((Node) robot.lookup((Node n) -> n instanceof TableCell<?, ?> c && route.equals(c.getText()))
                .query());
    }

    private static List<Node> visibleFlags(FxRobot robot) {
        return robot.lookup(".keyauth-off").queryAll().stream()
                .filter(Node::isVisible)
                .filter(n -> n.getParent() instanceof TableCell<?, ?>)
                .toList();
    }

    private String chipText(FxRobot robot) {
        return robot.lookup("#filter-unprotected").queryAs(ToggleButton.class).getText();
    }

    /** Every text the window shows: labels, buttons, text fields, the YAML area, tooltips of what carries one. */
    private static List<String> textsOnScreen() {
        List<String> texts = new ArrayList<>();
        for (Window window : Window.getWindows()) {
            if (window.getScene() != null) {
                collect(window.getScene().getRoot(), texts);
            }
        }
        return texts;
    }

    private static void collect(Node node, List<String> texts) {
        if (node instanceof Labeled labeled) {
            texts.add(labeled.getText());
            if (labeled.getTooltip() != null) {
                texts.add(labeled.getTooltip().getText());
            }
        } else if (node instanceof TextInputControl input) {
            texts.add(input.getText());
        } else if (node instanceof CodeArea area) {
            texts.add(area.getText());
        } else if (node instanceof javafx.scene.text.Text text) {
            texts.add(text.getText());
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, texts));
        }
    }

    private void shots(String name) throws Exception {
        String out = System.getProperty("routeauth.shots");
        if (out != null) {
            FxShots.themes(context, Files.createDirectories(Path.of(out)), name, 30);
        }
    }

    private int status(GatewayProxy proxy, Map<String, String> headers) {
        return proxy.send(new ProxyRequest("GET", "/counter", headers, Optional.empty()))
                .join()
                .status();
    }

    @Test
    void aFlaggedRouteGetsKeyAuthAfterAPreviewAndTheProxyThenWantsAKey(FxRobot robot) throws Exception {
        waitUntil(() -> context.connection().gatewayUp());
        // demo-rt has nothing; locked-rt is covered by its service's key-auth; other-rt's own key-auth is disabled.
        TestRuntimes.loadConfig(kong().baseUri(), """
                _format_version: "3.0"
                services:
                - name: kuma-demo-svc
                  url: http://demo-app.mesh:80
                  routes:
                  - name: demo-rt
                    paths: [/]
                - name: locked-svc
                  host: locked.test
                  plugins:
                  - name: key-auth
                  routes:
                  - name: locked-rt
                    paths: [/locked]
                - name: other-svc
                  host: other.test
                  routes:
                  - name: other-rt
                    paths: [/other]
                    plugins:
                    - name: key-auth
                      enabled: false
                consumers:
                - username: demo-user
                  keyauth_credentials:
                  - key: %s
                  - key: %s
                - username: no-keys-user
                """.formatted(KEY_ONE, KEY_TWO));
        GatewayProxy proxy = context.connection().apis().proxy().orElseThrow();
        // Anonymous today: the counter answers without any key.
        waitUntil(() -> status(proxy, Map.of()) == 200);

        openRoutes(robot, 3);
        waitUntil(() -> visibleFlags(robot).size() == 2);
        assertThat(chipText(robot)).isEqualTo("2 routes accept anonymous requests");
        assertThat(visibleFlags(robot)).allSatisfy(flag -> {
            assertThat(((Labeled) flag).getText()).isEqualTo("No authentication");
            assertThat(((Labeled) flag).getTooltip().getText()).isEqualTo(ANYONE);
        });
        assertThat(routes().authWord(routes().items().stream()
                        .filter(r -> r.path("name").asText().equals("locked-rt"))
                        .findFirst()
                        .orElseThrow()))
                .isEqualTo("key-auth");

        select(robot, "demo-rt");
        waitUntil(() -> robot.lookup("#require-keyauth").tryQuery().isPresent());
        assertThat(robot.lookup("#route-keyauth").queryLabeled().getText()).isEqualTo(ANYONE);
        shots("routes-flagged");

        // The chip filters to the two anonymous routes.
        robot.clickOn("#filter-unprotected");
        waitUntil(() -> routes().filtered().size() == 2);
        assertThat(routes().filtered())
                .extracting(r -> r.path("name").asText())
                .containsExactlyInAnyOrder("demo-rt", "other-rt");

        robot.clickOn("#require-keyauth");
        waitUntil(() -> robot.lookup("#keyauth-preview").tryQuery().isPresent());
        String yaml = robot.lookup("#keyauth-yaml").queryAs(CodeArea.class).getText();
        String routeId = kong().get("/routes/demo-rt").join().path("id").asText();
        assertThat(yaml)
                .startsWith("name: key-auth\n")
                .contains("route:\n  id: " + routeId)
                .contains("key_names:\n    - apikey")
                .contains("key_in_header: true")
                .contains("hide_credentials: false");
        Node consumers = robot.lookup("#keyauth-consumers").query();
        List<String> listed = new ArrayList<>();
        collect(consumers, listed);
        assertThat(listed).contains("demo-user", "2 keys").doesNotContain("no-keys-user");
        assertThat(robot.lookup("#keyauth-nobody").tryQuery()).isEmpty();
        // Secrets never appear on screen.
        assertThat(textsOnScreen())
                .isNotEmpty()
                .noneMatch(t -> t != null && (t.contains(KEY_ONE) || t.contains(KEY_TWO)));
        shots("keyauth-preview");

        robot.clickOn("#keyauth-confirm");
        waitUntil(() -> robot.lookup("#keyauth-preview").tryQuery().isEmpty());
        List<ObjectNode> onRoute = kong().listAll("/routes/demo-rt/plugins").join();
        assertThat(onRoute).hasSize(1);
        assertThat(onRoute.get(0).path("name").asText()).isEqualTo("key-auth");
        assertThat(onRoute.get(0).path("config").path("key_names").toString()).isEqualTo("[\"apikey\"]");

        // The real proxy now wants a key, and takes a consumer's.
        waitUntil(() -> status(proxy, Map.of()) == 401);
        assertThat(status(proxy, Map.of("apikey", KEY_ONE))).isEqualTo(200);
        assertThat(status(proxy, Map.of("apikey", "not-a-key"))).isEqualTo(401);

        // After the reload the flag is gone: one anonymous route left, and the filter shows only it.
        waitUntil(() -> chipText(robot).equals("1 route accepts anonymous requests"));
        waitUntil(() -> routes().filtered().size() == 1);
        assertThat(routes().filtered().get(0).path("name").asText()).isEqualTo("other-rt");
        assertThat(routes().statusProperty().get())
                .isEqualTo("key-auth now protects route demo-rt: requests without a valid key get 401.");
        robot.clickOn("#filter-unprotected");
        waitUntil(() -> routes().filtered().size() == 3 && visibleFlags(robot).size() == 1);
    }

    @Test
    void withoutAnyKeyThePreviewWarnsAndARefusalIsShownAsASentence(FxRobot robot) throws Exception {
        waitUntil(() -> context.connection().gatewayUp());
        TestRuntimes.loadConfig(kong().baseUri(), """
                _format_version: "3.0"
                services:
                - name: svc
                  host: svc.test
                  routes:
                  - name: lonely-rt
                    paths: [/lonely]
                consumers:
                - username: no-keys-user
                """);
        openRoutes(robot, 1);
        select(robot, "lonely-rt");
        waitUntil(() -> robot.lookup("#require-keyauth").tryQuery().isPresent());
        robot.clickOn("#require-keyauth");
        waitUntil(() -> robot.lookup("#keyauth-nobody").tryQuery().isPresent());
        assertThat(robot.lookup("#keyauth-nobody").queryLabeled().getText())
                .isEqualTo("After this, every request to this route will get 401 until a consumer has a key.");
        assertThat(robot.lookup("#keyauth-consumers").tryQuery()).isEmpty();
        shots("keyauth-preview-nobody");

        // Cancel creates nothing.
        robot.clickOn("#keyauth-cancel");
        waitUntil(() -> robot.lookup("#keyauth-preview").tryQuery().isEmpty());
        assertThat(kong().listAll("/plugins").join()).isEmpty();

        // Someone else puts key-auth on the route meanwhile: the gateway refuses the second, and the page says so.
        robot.clickOn("#require-keyauth");
        waitUntil(() -> robot.lookup("#keyauth-preview").tryQuery().isPresent());
        ObjectNode elsewhere = JsonNodeFactory.instance.objectNode().put("name", "key-auth");
        kong().create("/routes/lonely-rt/plugins", elsewhere).join();
        robot.clickOn("#keyauth-confirm");
        waitUntil(() -> !robot.lookup("#keyauth-error").queryLabeled().getText().isEmpty());
        assertThat(robot.lookup("#keyauth-error").queryLabeled().getText())
                .startsWith("key-auth was not created on lonely-rt: ");
        assertThat(robot.lookup("#keyauth-preview").tryQuery()).isPresent();
        assertThat(kong().listAll("/plugins").join()).hasSize(1);
    }
}
