package dev.gatehouse.app.pages.routes;

import static dev.gatehouse.app.testing.FormRobot.pick;
import static dev.gatehouse.app.testing.FormRobot.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.gateway.GatewayConfig;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.gateway.expression.RouterFlavor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
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
 * A Kong on the expressions router (Kong Manager offers its expression editor there): the Routes page shows each
 * route's expression where paths would be, the generated form writes one, and Kong's refusal of a bad one reaches
 * the form as Kong words it.
 */
@ExtendWith(ApplicationExtension.class)
class ExpressionRoutesUiTest {

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

    private void waitUntil(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(20)).until(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static TableView<?> table(FxRobot robot) {
        return robot.lookup("#table").queryAs(TableView.class);
    }

    private static boolean shows(FxRobot robot, String text) {
        return robot.lookup((Node n) -> n instanceof Labeled l && text.equals(l.getText()) && n.isVisible())
                .tryQuery()
                .isPresent();
    }

    @Test
    void expressionRoutesAreShownWrittenAndCheckedByKong(FxRobot robot) throws Exception {
        gateway = Gateway.start(GatewayConfig.ephemeral(dir.resolve("gw")).withRouterFlavor(RouterFlavor.EXPRESSIONS));
        TestRuntimes.loadConfig(gateway, """
                _format_version: "3.0"
                services:
                - name: orders
                  url: http://orders.internal:8080
                  routes:
                  - name: orders-v2
                    expression: http.path ^= "/v2/orders" && http.headers.x_tenant == "acme"
                    priority: 10
                  - name: orders-legacy
                    paths: [/orders]
                """);
        robot.interact(() -> {
            context = TestConsoles.onRemoteKong(dir.resolve("console"), gateway, stage);
            stage.setWidth(1400);
            stage.setHeight(900);
        });
        waitUntil(() -> context.connection().gatewayUp());
        robot.clickOn("#nav-" + RoutesPage.ID.value());
        waitUntil(() -> table(robot).getItems().size() == 2);
        String expression = "http.path ^= \"/v2/orders\" && http.headers.x_tenant == \"acme\"";
        assertThat(shows(robot, expression))
                .as("the expression stands in the Paths column")
                .isTrue();
        assertThat(shows(robot, "/orders")).isTrue();

        robot.clickOn(expression);
        waitUntil(() -> shows(robot, "Expression") && shows(robot, "Priority"));
        assertThat(shows(robot, "10")).isTrue();
        shots("expression-routes");

        // A new route by expression, through the generated form.
        robot.clickOn("#create");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        type(robot, "field-name", "orders-put");
        waitUntil(() -> !((ComboBox<?>) dev.gatehouse.app.testing.FormRobot.byId(robot, "field-service"))
                .getItems()
                .isEmpty());
        pick(robot, "field-service", "orders");
        type(robot, "field-expression", "http.method == \"PUT\" && http.path.segments.0 == 1");
        robot.clickOn("#form-save");
        EntityPageViewModel page = (EntityPageViewModel) context.pageModel(RoutesPage.ID);
        waitUntil(() -> page.formProperty().get() != null
                && page.formProperty().get().formErrorProperty().get() != null
                && !page.formProperty().get().formErrorProperty().get().isEmpty());
        assertThat(page.formProperty().get().formErrorProperty().get())
                .contains("Router Expression failed validation: Type mismatch between the LHS and RHS values of"
                        + " predicate");
        shots("expression-routes-refused");

        javafx.scene.control.TextInputControl field =
                dev.gatehouse.app.testing.FormRobot.byId(robot, "field-expression");
        robot.interact(() -> field.setText("http.method == \"PUT\" && http.path.segments.0 == \"orders\""));
        robot.clickOn("#form-save");
        waitUntil(() -> table(robot).getItems().size() == 3);
        KongAdminClient kong = TestRuntimes.kong(gateway);
        JsonNode saved = kong.get("/routes/orders-put").join();
        assertThat(saved.path("expression").asText())
                .isEqualTo("http.method == \"PUT\" && http.path.segments.0 == \"orders\"");
        assertThat(saved.path("paths").isNull()).isTrue();
    }

    private void shots(String name) throws Exception {
        String out = System.getProperty("expression.shots");
        if (out != null) {
            FxShots.themes(context, Files.createDirectories(Path.of(out)), name, 30);
        }
    }
}
