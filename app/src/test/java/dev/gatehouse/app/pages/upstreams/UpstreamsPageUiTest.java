package dev.gatehouse.app.pages.upstreams;

import static dev.gatehouse.app.testing.FormRobot.byId;
import static dev.gatehouse.app.testing.FormRobot.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.TestRuntimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
 * The Upstreams page driven like a user against the embedded gateway: an upstream created through the schema form
 * with passive health checks on, two targets added, both seen healthy, one marked unhealthy. With
 * {@code -Dgwpages.shots=DIR} it writes the page in light and dark theme there.
 */
@ExtendWith(ApplicationExtension.class)
class UpstreamsPageUiTest {

    @TempDir
    static Path dir;

    private AppContext context;
    private KongAdminClient kong;

    @Start
    void start(Stage stage) {
        Path config = dir.resolve("run-" + System.nanoTime());
        context = new AppContext(
                new AppDirectories(config, config),
                Locale.ROOT,
                new InProcessPlatform(config.resolve("sandbox"), InProcessPlatform.Ports.ANY),
                new FileSecretStore(config),
                new VirtualThreadExecutor(),
                new FxUiExecutor(),
                new RecordingDialogService());
        context.createMainWindow().showIn(stage, context.theme());
        context.start();
        stage.requestFocus();
    }

    @Stop
    void stop() {
        if (kong != null) {
            kong.close();
        }
        context.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String chip(FxRobot robot, String target) {
        String id = "health-" + target;
        return robot.lookup((javafx.scene.Node n) -> id.equals(n.getId()))
                .tryQueryAs(Label.class)
                .map(Label::getText)
                .orElse("");
    }

    @Test
    void createsAnUpstreamWithTwoTargetsSeesTheirHealthAndMarksOneUnhealthy(FxRobot robot) throws Exception {
        waitUntil(() -> context.connection().gatewayUp());
        kong = TestRuntimes.kong(
                context.connection().apis().gateway().orElseThrow().address());
        robot.clickOn("#nav-" + UpstreamsPage.ID.value());
        UpstreamsViewModel model = (UpstreamsViewModel) context.pageModel(UpstreamsPage.ID);
        waitUntil(() -> !model.loadingProperty().get());

        robot.clickOn("#create");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        type(robot, "field-name", "shop");
        // Deep in the health-check sub-form: typed into its own input, as a user who scrolled down would.
        TextField tcpFailures = byId(robot, "field-healthchecks.passive.unhealthy.tcp_failures");
        robot.interact(() -> tcpFailures.setText("3"));
        robot.clickOn("#form-save");
        waitUntil(() -> model.formProperty().get() == null);
        assertThat(kong.get("/upstreams/shop")
                        .join()
                        .path("healthchecks")
                        .path("passive")
                        .path("unhealthy")
                        .path("tcp_failures")
                        .asInt())
                .isEqualTo(3);
        waitUntil(() -> robot.lookup("#target-address").tryQuery().isPresent());

        for (String target : new String[] {"10.1.0.1:8080", "10.1.0.2:8080"}) {
            robot.clickOn("#target-address");
            robot.write(target);
            robot.clickOn("#target-add");
            waitUntil(() ->
                    model.targets().targets().stream().anyMatch(t -> t.target().equals(target)));
        }
        waitUntil(() -> chip(robot, "10.1.0.1:8080").equals("Healthy")
                && chip(robot, "10.1.0.2:8080").equals("Healthy"));

        robot.clickOn((javafx.scene.Node) byId(robot, "mark-10.1.0.1:8080"));
        waitUntil(() -> chip(robot, "10.1.0.1:8080").equals("Unhealthy"));
        assertThat(chip(robot, "10.1.0.2:8080")).isEqualTo("Healthy");
        java.util.List<String> words = new java.util.ArrayList<>();
        kong.get("/upstreams/shop/health")
                .join()
                .path("data")
                .forEach(t -> words.add(t.path("health").asText()));
        assertThat(words).containsExactlyInAnyOrder("HEALTHY", "UNHEALTHY");
        // The list's row summarises the same.
        waitUntil(() -> UpstreamsView.summaryText(
                        context.pageContext().messages(),
                        model.targetsOf(model.selectedProperty().get()))
                .contains("1 Unhealthy"));
        assertThat(robot.lookup("#table").queryAs(TableView.class).getItems()).hasSize(1);

        String shots = System.getProperty("gwpages.shots");
        if (shots != null) {
            Path out = Path.of(shots);
            Files.createDirectories(out);
            FxShots.themes(context, out, "upstreams", 20);
            robot.clickOn("#edit");
            waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
            FxShots.themes(context, out, "upstreams-form", 20);
            // Further down: the health checks as a sub-form.
            robot.interact(() -> robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.ScrollPane pane
                            && pane.getContent() != null
                            && "side".equals(pane.getContent().getId()))
                    .queryAs(javafx.scene.control.ScrollPane.class)
                    .setVvalue(0.45));
            FxShots.themes(context, out, "upstreams-healthchecks", 20);
        }
    }
}
