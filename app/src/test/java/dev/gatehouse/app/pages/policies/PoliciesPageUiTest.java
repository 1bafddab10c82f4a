package dev.gatehouse.app.pages.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.policyeditor.PolicyEditorView;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
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
 * The Policies page of the real window over the embedded sandbox, headless: a permission created from a template and
 * applied, invalid YAML shown at its line, a field the control plane rejects shown at the field and at its YAML line
 * with nothing written, and a delete whose confirmation names the pairs of services it would deny.
 */
@ExtendWith(ApplicationExtension.class)
class PoliciesPageUiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private AppContext context;
    private final RecordingDialogService dialogs = new RecordingDialogService();

    @Start
    void start(Stage stage) {
        context = new AppContext(
                new AppDirectories(dir.resolve("config"), dir.resolve("data")),
                Locale.ROOT,
                new InProcessPlatform(dir.resolve("data/sandbox"), InProcessPlatform.Ports.ANY),
                new FileSecretStore(dir.resolve("config")),
                new VirtualThreadExecutor(),
                new FxUiExecutor(),
                dialogs);
        context.createMainWindow().showIn(stage, context.theme());
        stage.setWidth(1400);
        stage.setHeight(900);
        context.start();
    }

    @Stop
    void stop() {
        context.close();
    }

    private MeshRepository mesh() {
        return context.connection().apis().mesh().orElseThrow();
    }

    private boolean exists(MeshResourceType type, String name) {
        return mesh().find(type, "default", name).join().isPresent();
    }

    /** Opens the page once the sandbox's mesh answers and its services are offered to the templates. */
    @SuppressWarnings("unchecked")
    private void openPolicies(FxRobot robot) {
        ActiveConnection connection = context.connection();
        await().atMost(WAIT)
                .until(() -> connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                        && connection.meshHealthProperty().get().isUp());
        robot.clickOn("#nav-policies");
        await().atMost(WAIT).untilAsserted(() -> {
            robot.interact(() -> context.pageModel(PoliciesPage.ID).activated());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#template-source").queryAs(ComboBox.class).getItems())
                    .contains("demo-app", "redis");
        });
    }

    private void openTemplate(FxRobot robot, String source, String destination) {
        robot.clickOn("#template-source").write(source);
        robot.clickOn("#template-destination").write(destination);
        robot.type(KeyCode.ESCAPE);
        robot.clickOn("#create");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static CodeArea yaml(FxRobot robot) {
        return robot.lookup("#policy-yaml").queryAs(CodeArea.class);
    }

    /** The 1-based line of the YAML holding {@code text}. */
    private static int lineOf(String yaml, String text) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + yaml);
    }

    @Test
    void aPermissionFromATemplateIsAppliedAndListed(FxRobot robot) {
        openPolicies(robot);
        openTemplate(robot, "demo-app", "redis");
        assertThat(yaml(robot).getText())
                .contains("type: MeshTrafficPermission")
                .contains("kuma.io/service: redis")
                .contains("kuma.io/service: demo-app");
        assertThat(robot.lookup("#policy-target-service .text-field")
                        .queryAs(javafx.scene.control.TextField.class)
                        .getText())
                .isEqualTo("redis");
        robot.clickOn("#editor-apply");
        await().atMost(WAIT).until(() -> exists(MeshResourceType.MESH_TRAFFIC_PERMISSION, "allow-demo-app-to-redis"));
        await().atMost(WAIT).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#table").tryQuery().map(t -> ((TableView<?>) t).getItems()))
                    .get()
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .extracting(r -> ((PolicyRow) r).name())
                    .contains("allow-demo-app-to-redis");
            // Until the list is back the details are not there: an absent node is a failed assertion, to retry.
            assertThat(robot.lookup("#details-title").tryQuery().map(n -> ((Label) n).getText()))
                    .contains("allow-demo-app-to-redis");
        });
    }

    @Test
    void invalidYamlIsShownAtItsLineAndCannotBeApplied(FxRobot robot) {
        openPolicies(robot);
        openTemplate(robot, "gateway", "demo-app");
        CodeArea area = yaml(robot);
        int line = lineOf(area.getText(), "action: Allow");
        // Typed where a person would: before the action's value, opening a flow sequence that is never closed.
        int column = area.getParagraph(line - 1).getText().indexOf("Allow");
        robot.clickOn(area);
        robot.interact(() -> area.moveTo(line - 1, column));
        robot.write("[");
        assertThat(area.getText()).contains("action: [Allow");
        WaitForAsyncUtils.waitForFxEvents();
        List<Hyperlink> problems = robot.lookup(".policy-line-error").queryAllAs(Hyperlink.class).stream()
                .toList();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).getText()).startsWith("Line " + line + ": ");
        int reported = line;
        PolicyEditorView editor = robot.lookup("#policy-editor").queryAs(PolicyEditorView.class);
        assertThat(editor.markedLines()).containsExactly(reported - 1);
        assertThat(robot.lookup("#editor-apply").queryAs(Button.class).isDisabled())
                .isTrue();
        assertThat(exists(MeshResourceType.MESH_TRAFFIC_PERMISSION, "allow-gateway-to-demo-app"))
                .isFalse();
    }

    @Test
    void aFieldTheControlPlaneRejectsIsShownAtTheFieldAndTheLineAndNothingIsWritten(FxRobot robot) {
        openPolicies(robot);
        openTemplate(robot, "gateway", "redis");
        robot.doubleClickOn("#policy-rule-0-kind .text-field");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("Nonsense");
        assertThat(yaml(robot).getText()).contains("kind: Nonsense");
        robot.clickOn("#editor-apply");
        // Kuma's ValidateTargetRef refuses the kind: invalid_parameters names spec.from[0].targetRef.kind.
        await().atMost(WAIT).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#policy-rule-0-error").queryAs(Label.class).getText())
                    .contains("spec.from[0].targetRef.kind")
                    .contains("not supported");
        });
        ComboBox<?> kind = robot.lookup("#policy-rule-0-kind").queryAs(ComboBox.class);
        assertThat(kind.getPseudoClassStates()).contains(Styles.STATE_DANGER);
        PolicyEditorView editor = robot.lookup("#policy-editor").queryAs(PolicyEditorView.class);
        assertThat(editor.markedLines()).containsExactly(lineOf(yaml(robot).getText(), "kind: Nonsense") - 1);
        assertThat(exists(MeshResourceType.MESH_TRAFFIC_PERMISSION, "allow-gateway-to-redis"))
                .isFalse();
    }

    @Test
    void deletingTheAllowAllNamesThePairsItWouldDeny(FxRobot robot) throws Exception {
        openPolicies(robot);
        // Permissions are enforced only with mTLS: turn it on, as the seed does first.
        ObjectNode meshResource =
                mesh().find(MeshResourceType.MESH, "", "default").join().orElseThrow();
        ObjectNode mtls = meshResource.putObject("mtls");
        mtls.put("enabledBackend", "ca-1");
        mtls.putArray("backends").addObject().put("name", "ca-1").put("type", "builtin");
        mesh().apply(MeshEdit.put(MeshResourceType.MESH, meshResource)).join();
        robot.clickOn("allow-all-default");
        robot.clickOn("#details-delete");
        await().atMost(WAIT).until(() -> !exists(MeshResourceType.TRAFFIC_PERMISSION, "allow-all-default"));
        assertThat(dialogs.shown())
                .singleElement()
                .satisfies(confirm -> assertThat(confirm)
                        .contains("TrafficPermission allow-all-default")
                        .contains("gateway \u2192 demo-app")
                        .contains("demo-app \u2192 redis"));
        await().atMost(WAIT).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#table").tryQuery().map(t -> ((TableView<?>) t).getItems()))
                    .get()
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .extracting(r -> ((PolicyRow) r).name())
                    .doesNotContain("allow-all-default");
        });
    }
}
