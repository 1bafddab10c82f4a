package dev.gatehouse.app.pages.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.form.FormField;
import dev.gatehouse.app.testing.FormRobot;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The plugins issue 19 brought to the gateway, on the Plugins page: each is offered, each opens as a form generated
 * from its schema, one without required settings is created from its defaults, and a required setting left empty
 * is marked beside its own field with Kong's message.
 */
@ExtendWith(ApplicationExtension.class)
class NewPluginFormsUiTest {

    /** The security set of the issue, and the catalogue it named beside it. */
    private static final List<String> NEW_PLUGINS = List.of(
            "basic-auth",
            "jwt",
            "hmac-auth",
            "ip-restriction",
            "bot-detection",
            "request-size-limiting",
            "request-termination",
            "correlation-id",
            "request-transformer",
            "response-transformer",
            "proxy-cache",
            "prometheus",
            "file-log");

    @TempDir
    Path dir;

    private Stage stage;
    private RunningGateway gateway;
    private AppContext context;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop(FxRobot robot) {
        if (context != null) {
            robot.interact(context::close);
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static void waitUntil(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(20)).until(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private PluginsViewModel model() {
        return (PluginsViewModel) context.pageModel(PluginsPage.ID);
    }

    @Test
    void everyNewPluginOpensAsAFormFromItsSchema(FxRobot robot) throws Exception {
        gateway = TestRuntimes.gateway(dir.resolve("gw"));
        TestRuntimes.loadConfig(gateway, """
                _format_version: "3.0"
                services:
                - name: orders
                  url: http://orders.internal:8080
                  routes:
                  - name: orders-rt
                    paths: [/orders]
                """);
        robot.interact(() -> {
            context = TestConsoles.onRemoteKong(dir.resolve("console"), gateway, stage);
            stage.setWidth(1400);
            stage.setHeight(900);
        });
        waitUntil(() -> context.connection().gatewayUp());
        robot.clickOn("#nav-" + PluginsPage.ID.value());
        ComboBox<?> choice = robot.lookup("#plugin-choice").queryAs(ComboBox.class);
        waitUntil(() -> model().enabledPlugins().containsAll(NEW_PLUGINS));

        for (String plugin : NEW_PLUGINS) {
            robot.interact(() -> model().pluginToAddProperty().set(plugin));
            robot.clickOn("#create");
            waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent()
                    && ("New " + plugin + " plugin")
                            .equals(robot.lookup("#form-title")
                                    .queryAs(Labeled.class)
                                    .getText()));
            assertThat(model().formProperty().get().primaryFields()).as(plugin).isNotEmpty();
            java.util.List<FormField> all =
                    new java.util.ArrayList<>(model().formProperty().get().primaryFields());
            all.addAll(model().formProperty().get().advancedFields());
            assertThat(all)
                    .as("%s's config comes from its own schema", plugin)
                    .anyMatch(f -> f.path().startsWith("config"));
            if (List.of("request-transformer", "proxy-cache", "bot-detection", "prometheus")
                    .contains(plugin)) {
                shots("plugin-form-" + plugin);
            }
            robot.clickOn("#form-cancel");
            waitUntil(() -> model().formProperty().get() == null);
        }
        assertThat(choice.getItems()).isNotEmpty();

        // prometheus needs nothing: its defaults make a working plugin
        robot.interact(() -> model().pluginToAddProperty().set("prometheus"));
        robot.clickOn("#create");
        waitUntil(() -> model().formProperty().get() != null);
        robot.clickOn("#form-save");
        waitUntil(() -> model().formProperty().get() == null);
        JsonNode created =
                TestRuntimes.kong(gateway).get("/plugins").join().path("data").get(0);
        assertThat(created.path("name").asText()).isEqualTo("prometheus");
        assertThat(created.path("config").path("status_code_metrics").isBoolean())
                .isTrue();

        // request-termination is created with its defaults too; proxy-cache's strategy has no default (schema.lua)
        robot.interact(() -> model().pluginToAddProperty().set("proxy-cache"));
        robot.clickOn("#create");
        waitUntil(() -> model().formProperty().get() != null);
        robot.clickOn("#form-save");
        waitUntil(() -> model().formProperty()
                .get()
                .field("config.strategy")
                .map(f -> !f.errorProperty().get().isEmpty())
                .orElse(false));
        FormField strategy =
                model().formProperty().get().field("config.strategy").orElseThrow();
        assertThat(strategy.errorProperty().get()).isEqualTo("required field missing");
        assertThat(model().formProperty().get().formErrorProperty().get()).isEmpty();
        // the error is below the fold of the side panel: the form scrolls to it
        waitUntil(() -> inSight(robot, "error-config.strategy"));
        shots("plugin-form-proxy-cache-refused");
        assertThat(FormRobot.<javafx.scene.Node>byId(robot, "field-config.strategy"))
                .isNotNull();
    }

    /** True when node {@code id} lies within the viewport of the scroll pane around it. */
    private static boolean inSight(FxRobot robot, String id) {
        javafx.scene.Node node = FormRobot.byId(robot, id);
        javafx.scene.Parent p = node.getParent();
        while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
            p = p.getParent();
        }
        if (p == null) {
            return false;
        }
        javafx.scene.control.ScrollPane pane = (javafx.scene.control.ScrollPane) p;
        javafx.geometry.Bounds view = pane.localToScene(pane.getLayoutBounds());
        javafx.geometry.Bounds b = node.localToScene(node.getBoundsInLocal());
        return b.getMinY() >= view.getMinY() && b.getMaxY() <= view.getMaxY();
    }

    private void shots(String name) throws Exception {
        String out = System.getProperty("plugin.shots");
        if (out != null) {
            FxShots.themes(context, Files.createDirectories(Path.of(out)), name, 30);
        }
    }
}
