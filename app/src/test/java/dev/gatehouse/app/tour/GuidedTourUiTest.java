package dev.gatehouse.app.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.pages.overview.OverviewPage;
import dev.gatehouse.app.pages.overview.OverviewViewModel;
import dev.gatehouse.app.testing.DemoLoad;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.tour.TourStepModel.Status;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18's acceptance for the guided tour, on the embedded sandbox: a small load through the gateway's proxy, as
 * a client holding the seed's key would send it, runs the whole time and records every status; the seven steps are
 * done with the drawer's buttons, and each step's live check must show the code the seed describes (200, 401, 200,
 * 200, 503, 500, 200) and mark it done. The load must have seen the seed's story in order (404 before the route, 200,
 * 401 under key-auth, 200 with the consumer's key, 503 under zero trust, 500 while demo-app may not reach redis)
 * and end on 200s. Then the console is closed and opened again on the same directories: every step still reads
 * "Done" (without the saved progress it would read "Already true"). With {@code -Dtour.shots=DIR} it writes the
 * drawer, light and dark, mid-way and at the end.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GuidedTourUiTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String MASKED_KEY = "123\u2022\u2022\u2022\u2022\u2022";
    private static final String WITH_KEY = "200 as expected: sent with apiKey: " + MASKED_KEY + " (key of demo-user)";

    @TempDir
    static java.nio.file.Path dir;

    private AppContext context;
    private DemoLoad load;

    @Start
    void start(Stage stage) {
        context = TestConsoles.onSandbox(dir, stage);
    }

    @Stop
    void stop() throws Exception {
        if (load != null) {
            load.stop();
        }
        context.close();
    }

    @Test
    void runsTheSeedEndToEndThroughThePanelAndKeepsItsProgress(FxRobot robot) throws Exception {
        awaitConnected(context);
        URI proxy = context.connection().apis().proxy().orElseThrow().address();
        load = new DemoLoad(proxy, "123test", Duration.ofMillis(50));
        load.start();
        await().atMost(WAIT).until(() -> load.statuses().contains(404));

        // Opened from the top bar: a drawer beside the page (the Overview).
        robot.clickOn("#topbar-tour");
        assertThat(robot.lookup("#tour-panel").query().isVisible()).isTrue();
        assertThat(robot.lookup("#topbar-tour").queryAs(ToggleButton.class).isSelected())
                .isTrue();
        // Closed, it gives the page its room back; the Overview's card opens it again.
        robot.clickOn("#tour-close");
        assertThat(robot.lookup("#tour-panel").query().isVisible()).isFalse();
        robot.clickOn("#overview-tour");
        assertThat(robot.lookup("#tour-panel").query().isVisible()).isTrue();
        TourViewModel tour = context.tour();
        await().atMost(WAIT)
                .until(() -> tour.step(TourStep.EXPOSE).enabledProperty().get());
        assertThat(text(robot, "#tour-progress")).isEqualTo("0 of 7 steps done");
        assertThat(robot.lookup("#tour-do-require-key").query().isDisabled()).isTrue();

        Map<TourStep, String> expected = new LinkedHashMap<>();
        expected.put(TourStep.EXPOSE, "200 as expected: the demo answers through the gateway");
        expected.put(TourStep.REQUIRE_KEY, "401 as expected: no key");
        expected.put(TourStep.CONSUMER_KEY, WITH_KEY);
        expected.put(TourStep.MTLS, WITH_KEY);
        expected.put(TourStep.ZERO_TRUST, "503 as expected: allow-all removed, the gateway may not reach demo-app yet");
        expected.put(TourStep.GATEWAY_TO_DEMO_APP, "500 as expected: demo-app answers, but may not reach redis yet");
        expected.put(TourStep.DEMO_APP_TO_REDIS, WITH_KEY);

        int done = 0;
        for (Map.Entry<TourStep, String> step : expected.entrySet()) {
            String id = step.getKey().id();
            if (step.getKey() == TourStep.CONSUMER_KEY) {
                // The YAML of the step, opened: decK, the key redacted.
                click(robot, "#tour-yaml-toggle-" + id);
                assertThat(yaml(robot, id))
                        .contains("username: demo-user", "key: <redacted>")
                        .doesNotContain("123test");
            }
            if (step.getKey() == TourStep.ZERO_TRUST) {
                click(robot, "#tour-yaml-toggle-" + id);
                assertThat(yaml(robot, id)).contains("# DELETE", "name: allow-all-default");
                shots("tour-zero-trust-next");
            }
            click(robot, "#tour-do-" + id);
            await().atMost(WAIT)
                    .until(() -> tour.step(step.getKey()).statusProperty().get() != Status.WORKING
                            && !tour.busyProperty().get());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(tour.step(step.getKey()).statusProperty().get())
                    .as(id + ": " + tour.step(step.getKey()).noteProperty().get() + " "
                            + tour.step(step.getKey()).checkProperty().get())
                    .isEqualTo(Status.DONE);
            assertThat(text(robot, "#tour-result-" + id)).as(id).isEqualTo(step.getValue());
            assertThat(text(robot, "#tour-status-" + id)).isEqualTo("Done");
            done++;
            assertThat(text(robot, "#tour-progress")).isEqualTo(done + " of 7 steps done");
            if (step.getKey() == TourStep.EXPOSE) {
                // the page beside the tour is reloaded at once, not at its next poll (7 s for a gateway)
                OverviewViewModel overview = (OverviewViewModel) context.pageModel(OverviewPage.ID);
                await().atMost(Duration.ofSeconds(3))
                        .until(() -> overview.servicesProperty().get() == 1
                                && overview.routesProperty().get() == 1);
            }
        }
        shots("tour-done-bottom");
        robot.interact(
                () -> robot.lookup("#tour-scroll").queryAs(ScrollPane.class).setVvalue(0));
        shots("tour-done-top");

        // After the last step, the client's requests pass again.
        int before = load.count();
        await().atMost(WAIT).until(() -> load.count() >= before + 20);
        assertThat(load.statuses().subList(before, before + 20)).containsOnly(200);
        load.stop();
        // The seed's story as the client lived it, in order (brief codes while data planes converge may sit between).
        assertThat(changes(load.statuses())).containsSubsequence(404, 200, 401, 200, 503, 500, 200);

        // Closed and opened again on the same directories: the marks are the saved ones, not "Already true".
        // (Each is saved in the background once its step shows Done.)
        await().atMost(WAIT)
                .until(() -> new TourProgressStore(dir.resolve("config"))
                                .load("embedded")
                                .size()
                        == 7);
        WaitForAsyncUtils.asyncFx(() -> {
                    context.close();
                    ((Stage) robot.lookup("#tour-panel").query().getScene().getWindow()).hide();
                })
                .get(60, TimeUnit.SECONDS);
        context = WaitForAsyncUtils.asyncFx(() -> TestConsoles.onSandbox(dir, new Stage()))
                .get(60, TimeUnit.SECONDS);
        awaitConnected(context);
        TourViewModel reopened = context.tour();
        // The palette opens the tour too.
        robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
        robot.write("secure your platform");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(reopened.openProperty().get()).isTrue();
        await().atMost(WAIT).until(() -> reopened.summaryProperty().get().equals("7 of 7 steps done"));
        for (TourStep step : TourStep.values()) {
            assertThat(reopened.step(step).statusProperty().get()).as(step.id()).isEqualTo(Status.DONE);
        }
        assertThat(reopened.step(TourStep.ZERO_TRUST).checkProperty().get()).startsWith("503 as expected");

        // Reset tour forgets the marks, not the platform: every step reads "Already true" again.
        robot.clickOn("#tour-reset");
        await().atMost(WAIT)
                .until(() -> java.util.Arrays.stream(TourStep.values())
                        .allMatch(step -> reopened.step(step).statusProperty().get() == Status.ALREADY_TRUE));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#tour-status-demo-app-to-redis")).isEqualTo("Already true");
        assertThat(text(robot, "#tour-progress")).isEqualTo("7 of 7 steps done");
        assertThat(new TourProgressStore(dir.resolve("config")).load("embedded"))
                .isEmpty();
        shots("tour-after-reset");
    }

    private static void awaitConnected(AppContext context) {
        ActiveConnection connection = context.connection();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                        && connection.meshHealthProperty().get().isUp()
                        && connection.gatewayHealthProperty().get().isUp());
    }

    /** Status codes with repeats folded: the story the client saw. */
    private static List<Integer> changes(List<Integer> statuses) {
        List<Integer> out = new ArrayList<>();
        for (Integer status : statuses) {
            if (out.isEmpty() || !out.getLast().equals(status)) {
                out.add(status);
            }
        }
        return out;
    }

    /** Scrolls the drawer so {@code query}'s node is in view, then clicks it as a user would. */
    private static void click(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        robot.interact(() -> {
            ScrollPane scroll = robot.lookup("#tour-scroll").queryAs(ScrollPane.class);
            Node content = scroll.getContent();
            Bounds bounds = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double room = content.getBoundsInLocal().getHeight()
                    - scroll.getViewportBounds().getHeight();
            if (room > 0) {
                scroll.setVvalue(Math.min(1, Math.max(0, (bounds.getMinY() - 40) / room)));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(node.isDisabled()).as(query + " enabled").isFalse();
        if (node instanceof Button || node instanceof ToggleButton) {
            robot.clickOn(node);
        }
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static String yaml(FxRobot robot, String id) {
        return ((org.fxmisc.richtext.CodeArea) robot.lookup("#tour-yaml-" + id).query()).getText();
    }

    private void shots(String name) throws Exception {
        String shots = System.getProperty("tour.shots");
        if (shots != null) {
            FxShots.themes(context, Files.createDirectories(java.nio.file.Path.of(shots)), name, 30);
        }
    }
}
