package dev.gatehouse.app.pages.entities;

import static dev.gatehouse.app.testing.FormRobot.addChip;
import static dev.gatehouse.app.testing.FormRobot.byId;
import static dev.gatehouse.app.testing.FormRobot.pick;
import static dev.gatehouse.app.testing.FormRobot.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.consumers.ConsumersPage;
import dev.gatehouse.app.pages.consumers.ConsumersViewModel;
import dev.gatehouse.app.pages.plugins.PluginsPage;
import dev.gatehouse.app.pages.routes.RequestTesterModel;
import dev.gatehouse.app.pages.routes.RoutesPage;
import dev.gatehouse.app.pages.routes.RoutesViewModel;
import dev.gatehouse.app.pages.services.ServicesPage;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.app.testing.TestRuntimes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The gateway pages driven like a user, against the real embedded gateway: create, edit and delete each kind of
 * entity through the generated forms, see a schema violation beside its field, and filter a long list.
 */
@ExtendWith(ApplicationExtension.class)
class GatewayPagesUiTest {

    @TempDir
    static Path dir;

    private AppContext context;
    private RecordingDialogService dialogs;

    @Start
    void start(Stage stage) {
        Path config = dir.resolve("run-" + System.nanoTime());
        dialogs = new RecordingDialogService();
        context = new AppContext(
                new AppDirectories(config, config),
                Locale.ROOT,
                new InProcessPlatform(config.resolve("sandbox"), InProcessPlatform.Ports.ANY),
                new FileSecretStore(config),
                new VirtualThreadExecutor(),
                new FxUiExecutor(),
                dialogs);
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

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(15)).until(condition);
        } catch (ConditionTimeoutException e) {
            // Say what the page showed, so a failure here explains itself.
            var page = context.pageModel(context.shell().selectedPage());
            String form = page instanceof EntityPageViewModel entities
                            && entities.formProperty().get() != null
                    ? entities.formProperty().get().formErrorProperty().get()
                    : "";
            String status = page instanceof EntityPageViewModel entities
                    ? entities.statusProperty().get()
                    : "";
            throw new AssertionError("timed out; form error: '" + form + "', status: '" + status + "'", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void open(FxRobot robot, PageId page) throws Exception {
        waitUntil(() -> context.connection().gatewayUp());
        robot.clickOn("#nav-" + page.value());
        waitUntil(() -> !((EntityPageViewModel) context.pageModel(page))
                .loadingProperty()
                .get());
    }

    private KongAdminClient kong;

    /** A client of the test's own on the page's Admin API, to check what the gateway holds independently of the UI. */
    private KongAdminClient kong() {
        if (kong == null) {
            kong = TestRuntimes.kong(
                    context.connection().apis().gateway().orElseThrow().address());
        }
        return kong;
    }

    private static int rows(FxRobot robot) {
        return robot.lookup("#table").queryAs(TableView.class).getItems().size();
    }

    private void save(FxRobot robot) throws Exception {
        robot.clickOn("#form-save");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void createEditAndDeleteEveryKindOfEntityThroughTheForms(FxRobot robot) throws Exception {
        // Service, with Kong's url shorthand.
        open(robot, ServicesPage.ID);
        robot.clickOn("#create");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        type(robot, "field-name", "demo-svc");
        type(robot, "field-url", "http://demo-app.mesh:80");
        save(robot);
        waitUntil(() -> rows(robot) == 1);
        ObjectNode service = kong().get("/services/demo-svc").join();
        assertThat(service.path("host").asText()).isEqualTo("demo-app.mesh");

        // Edit: retries 5 → 7, a PATCH of that field only.
        robot.clickOn("#edit");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        TextField retries = byId(robot, "field-retries");
        robot.doubleClickOn(retries).eraseText(3).write("7");
        save(robot);
        waitUntil(() -> kong().get("/services/demo-svc").join().path("retries").asInt() == 7);

        // Route on that service, paths as chips.
        open(robot, RoutesPage.ID);
        robot.clickOn("#create");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        type(robot, "field-name", "demo-rt");
        waitUntil(() -> !((ComboBox<?>) byId(robot, "field-service")).getItems().isEmpty());
        pick(robot, "field-service", "demo-svc");
        addChip(robot, "field-paths", "/");
        save(robot);
        waitUntil(() -> rows(robot) == 1);
        assertThat(kong().get("/routes/demo-rt")
                        .join()
                        .path("service")
                        .path("id")
                        .asText())
                .isEqualTo(service.path("id").asText());

        // key-auth on the route with key_names = [apiKey].
        open(robot, PluginsPage.ID);
        waitUntil(() -> ((ComboBox<?>) robot.lookup("#plugin-choice").query()).getValue() != null);
        robot.clickOn("#create");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        waitUntil(() -> !((ComboBox<?>) byId(robot, "field-route")).getItems().isEmpty());
        pick(robot, "field-route", "demo-rt");
        robot.clickOn((Node) byId(robot, "field-config.key_names-editor"));
        robot.type(KeyCode.BACK_SPACE);
        robot.write("apiKey");
        robot.type(KeyCode.ENTER);
        save(robot);
        waitUntil(() -> rows(robot) == 1);
        ObjectNode plugin = kong().listAll("/plugins").join().get(0);
        assertThat(plugin.path("name").asText()).isEqualTo("key-auth");
        assertThat(plugin.path("config").path("key_names").toString()).isEqualTo("[\"apiKey\"]");
        assertThat(plugin.path("route").path("id").asText()).isNotEmpty();

        // Consumer and its key.
        open(robot, ConsumersPage.ID);
        robot.clickOn("#create");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        type(robot, "field-username", "alice");
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
        assertThat(kong().listAll("/consumers/alice/key-auth")
                        .join()
                        .get(0)
                        .path("key")
                        .asText())
                .isEqualTo("123test");
        // The key shows masked until revealed.
        assertThat(robot.lookup((Node n) -> n instanceof Label l
                                && l.getText() != null
                                && l.getText().startsWith("123t\u2022"))
                        .tryQuery())
                .isPresent();

        // Deleting the consumer names its key in the confirmation.
        robot.clickOn("#delete");
        waitUntil(() -> rows(robot) == 0);
        assertThat(dialogs.shown()).anyMatch(s -> s.contains("alice") && s.contains("Its API key goes too"));

        // Deleting the service names its route, and takes it along (Kong alone would refuse).
        open(robot, ServicesPage.ID);
        robot.clickOn((Node) robot.lookup((Node n) ->
                        n instanceof javafx.scene.control.TableCell<?, ?> c && "demo-svc".equals(c.getText()))
                .query());
        robot.clickOn("#delete");
        waitUntil(() -> rows(robot) == 0);
        assertThat(dialogs.shown()).anyMatch(s -> s.contains("demo-svc") && s.contains("demo-rt"));
        assertThat(kong().listAll("/routes").join()).isEmpty();
        assertThat(kong().listAll("/plugins").join()).isEmpty();
    }

    private static void chord(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL).press(key).release(key).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theKeyboardAloneCreatesFindsAndDeletes(FxRobot robot) throws Exception {
        waitUntil(() -> context.connection().gatewayUp());
        chord(robot, KeyCode.DIGIT4);
        waitUntil(() -> context.shell().selectedPage().equals(ConsumersPage.ID));
        chord(robot, KeyCode.N);
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        robot.write("kbd-user");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> rows(robot) == 1);
        assertThat(kong().get("/consumers/kbd-user").join().path("username").asText())
                .isEqualTo("kbd-user");

        // Esc closes a form without saving.
        chord(robot, KeyCode.N);
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        robot.write("never-saved");
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isEmpty());

        // The palette finds the consumer by name from any page and selects it.
        chord(robot, KeyCode.DIGIT1);
        chord(robot, KeyCode.K);
        robot.write("kbd-us");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> context.shell().selectedPage().equals(ConsumersPage.ID)
                && ((ConsumersViewModel) context.pageModel(ConsumersPage.ID))
                                .selectedProperty()
                                .get()
                        != null);

        // Delete from the table with the Delete key (the confirmation is answered yes).
        robot.interact(() -> robot.lookup("#table").query().requestFocus());
        robot.type(KeyCode.DELETE);
        waitUntil(() -> rows(robot) == 0);
        assertThat(kong().listAll("/consumers").join()).isEmpty();
    }

    @Test
    void theRequestTesterShows401WithoutTheKeyAnd200WithIt(FxRobot robot) throws Exception {
        waitUntil(() -> context.connection().gatewayUp());
        // The seed scenario through the Admin API: the counter demo behind the sandbox's mesh, key-auth on the route.
        TestRuntimes.loadConfig(kong().baseUri(), """
                _format_version: "3.0"
                services:
                - name: kuma-demo-svc
                  url: http://demo-app.mesh:80
                  routes:
                  - name: kuma-demo-rt
                    paths: [/]
                    plugins:
                    - name: key-auth
                      config:
                        key_names: [apiKey]
                consumers:
                - username: demo-user
                  keyauth_credentials:
                  - key: 123test
                """);
        open(robot, RoutesPage.ID);
        waitUntil(() -> rows(robot) == 1);
        robot.clickOn((Node) robot.lookup((Node n) ->
                        n instanceof javafx.scene.control.TableCell<?, ?> c && "kuma-demo-rt".equals(c.getText()))
                .query());
        waitUntil(() -> robot.lookup("#tester-send").tryQuery().isPresent());
        assertThat(robot.lookup("#route-curl")
                        .queryAs(javafx.scene.control.TextArea.class)
                        .getText())
                .contains("-H 'apiKey: $API_KEY'");

        TextField path = robot.lookup("#tester-path").queryAs(TextField.class);
        robot.doubleClickOn(path).eraseText(5).write("/counter");
        robot.clickOn("#tester-send");
        RequestTesterModel tester = ((RoutesViewModel) context.pageModel(RoutesPage.ID)).tester();
        waitUntil(() -> tester.statusProperty().get() == 401);
        assertThat(robot.lookup("#tester-summary").queryAs(Label.class).getText())
                .startsWith("401 Unauthorized in");
        assertThat(tester.responseBodyProperty().get()).contains("No API key found in request");
        assertThat(tester.responseHeadersProperty().get()).containsIgnoringCase("www-authenticate: Key");

        robot.clickOn("#tester-headers").write("apiKey: 123test");
        robot.clickOn("#tester-send");
        waitUntil(() -> tester.statusProperty().get() == 200);
        assertThat(tester.responseBodyProperty().get()).contains("\"zone\":\"local\"");
        // The curl line follows the tester, and the key it was given stays out of it.
        assertThat(robot.lookup("#route-curl")
                        .queryAs(javafx.scene.control.TextArea.class)
                        .getText())
                .contains("/counter")
                .contains("-H 'apiKey: $API_KEY'")
                .doesNotContain("123test");

        // Back on the page later, the old answer is gone: it described the gateway as it was then.
        robot.clickOn("#nav-overview");
        robot.clickOn("#nav-routes");
        waitUntil(() -> tester.statusProperty().get() == 0);
        assertThat(tester.responseBodyProperty().get()).isEmpty();
    }

    @Test
    void aSchemaViolationIsShownOnceBesideTheGroupOfFieldsItNames(FxRobot robot) throws Exception {
        open(robot, RoutesPage.ID);
        robot.clickOn("#create");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        type(robot, "field-name", "no-match-rt");
        // The protocol chips keep their underscores (tls_passthrough), drawn as written.
        assertThat(robot.lookup((Node n) ->
                                n instanceof javafx.scene.text.Text t && "tls_passthrough".equals(t.getText()))
                        .tryQuery())
                .isPresent();
        // An unset reference reads "None" in the box and in its list alike.
        ComboBox<?> service = byId(robot, "field-service");
        waitUntil(() -> !service.getItems().isEmpty());
        assertThat(service.getValue()).isNull();
        assertThat(service.lookup(".list-cell").lookupAll(".text"))
                .extracting(t -> ((javafx.scene.text.Text) t).getText())
                .containsExactly("None");
        robot.clickOn(service);
        robot.clickOn((Node) robot.lookup((Node n) -> n instanceof javafx.scene.control.ListCell<?> cell
                        && cell.isVisible()
                        && "None".equals(cell.getText()))
                .query());
        assertThat(robot.lookup((Node n) -> n instanceof javafx.scene.control.ListCell<?> cell
                                && cell.isVisible()
                                && "\u2014".equals(cell.getText()))
                        .tryQuery())
                .isEmpty();
        assertThat(((javafx.scene.control.ListCell<?>) service.lookup(".list-cell")).getText())
                .isEqualTo("None");
        save(robot);
        // 09-routes_routes_spec.lua: must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' ...
        Label groupError = byId(robot, "error-group-form.group.route.match");
        waitUntil(groupError::isVisible);
        assertThat(groupError.getText()).contains("must set one of");
        // Once: not again on top, not under each matcher.
        assertThat(robot.lookup("#form-error").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.lookup((Node n) -> n instanceof Label l
                                && l.isVisible()
                                && l.getText() != null
                                && l.getText().contains("must set one of"))
                        .queryAll())
                .hasSize(1);
        // Nothing was stored, and the form stays open with what was typed.
        assertThat(kong().listAll("/routes").join()).isEmpty();
        assertThat(((TextField) byId(robot, "field-name")).getText()).isEqualTo("no-match-rt");
        // A path answers the check, and its message goes before the next save.
        addChip(robot, "field-paths", "/now");
        waitUntil(() -> !groupError.isVisible());
    }

    @Test
    void aBadServiceUrlIsReportedUnderTheUrl(FxRobot robot) throws Exception {
        open(robot, ServicesPage.ID);
        robot.clickOn("#create");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        type(robot, "field-name", "bad-url");
        type(robot, "field-url", "htp:/not a url");
        save(robot);
        Label urlError = byId(robot, "error-url");
        waitUntil(urlError::isVisible);
        assertThat(urlError.getText())
                .contains("protocol: expected one of")
                .contains("host: required field missing")
                .contains("path: invalid path");
        for (String derived : java.util.List.of("protocol", "host", "port", "path")) {
            assertThat(robot.lookup((Node n) -> ("error-" + derived).equals(n.getId()) && n.isVisible())
                            .tryQuery())
                    .as(derived)
                    .isEmpty();
            // Set by the url, so not editable, and the form says why.
            assertThat(((Node) byId(robot, "field-" + derived)).isDisabled())
                    .as(derived)
                    .isTrue();
        }
        TextField url = byId(robot, "field-url");
        robot.doubleClickOn(url).eraseText(20).write("http://fixed.test");
        waitUntil(() -> !urlError.isVisible());
    }

    @Test
    void aRowTheFilterHidesTakesItsDetailsAndActionsAlong(FxRobot robot) throws Exception {
        waitUntil(() -> context.connection().gatewayUp());
        TestRuntimes.loadConfig(kong().baseUri(), """
                _format_version: "3.0"
                services:
                - name: svc
                  host: svc.test
                  routes:
                  - name: alpha-rt
                    paths: [/alpha]
                  - name: beta-rt
                    paths: [/beta]
                    plugins:
                    - name: key-auth
                """);
        open(robot, RoutesPage.ID);
        waitUntil(() -> rows(robot) == 2);
        // Nothing selected: no side panel taking room from the table, and no heading cut to "...".
        assertThat(robot.lookup("#side").tryQuery()).isEmpty();
        assertThat(robot.lookup(".column-header .label").queryAll())
                .isNotEmpty()
                .allSatisfy(header -> assertThat(((Node) header)
                                .lookupAll(".text").stream().map(t -> ((javafx.scene.text.Text) t).getText()))
                        .noneMatch(t -> t.endsWith("\u2026")));
        robot.clickOn((Node) robot.lookup((Node n) ->
                        n instanceof javafx.scene.control.TableCell<?, ?> c && "alpha-rt".equals(c.getText()))
                .query());
        waitUntil(() -> robot.lookup("#edit").tryQuery().isPresent());
        assertThat(robot.lookup("#side").tryQuery()).isPresent();
        assertThat(robot.lookup("#bulk-delete").queryButton().isDisabled()).isFalse();

        robot.clickOn("#filter").write("beta");
        waitUntil(() -> rows(robot) == 1);
        // Not visible, so not selected: no details, no Edit or Delete for it, and the toolbar agrees.
        assertThat(robot.lookup("#edit").tryQuery()).isEmpty();
        assertThat(robot.lookup("#delete").tryQuery()).isEmpty();
        assertThat(robot.lookup("#bulk-delete").queryButton().isDisabled()).isTrue();
        assertThat(((RoutesViewModel) context.pageModel(RoutesPage.ID))
                        .selectedProperty()
                        .get())
                .isNull();
        assertThat(robot.lookup("#side").tryQuery()).isEmpty();

        // The Overview's link opens Routes showing only what nothing protects.
        robot.clickOn("#nav-overview");
        waitUntil(() -> robot.lookup("#overview-open-unprotected").tryQuery().isPresent());
        assertThat(robot.lookup("#overview-unprotected-more").tryQuery())
                .as("one route: no '… and N more'")
                .isEmpty();
        robot.clickOn("#overview-open-unprotected");
        waitUntil(() -> context.shell().selectedPage().equals(RoutesPage.ID) && rows(robot) == 1);
        assertThat(robot.lookup("#filter").queryAs(TextField.class).getText()).isEmpty();
        assertThat(robot.lookup("#filter-unprotected")
                        .queryAs(javafx.scene.control.ToggleButton.class)
                        .isSelected())
                .isTrue();
        assertThat(((RoutesViewModel) context.pageModel(RoutesPage.ID))
                        .filtered()
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("alpha-rt");
        // The one row left is open, and its badge says so (a reused cell once drew the row it showed before).
        java.util.Set<Node> protectedBadges = robot.lookup(".keyauth-on").queryAll();
        java.util.Set<Node> openBadges = robot.lookup(".keyauth-off").queryAll();
        assertThat(protectedBadges).noneMatch(Node::isVisible);
        assertThat(openBadges.stream().filter(Node::isVisible)).hasSize(1);
    }

    @Test
    void theFilterFindsOneRouteAmongTwoThousandByPartOfItsPath(FxRobot robot) throws Exception {
        waitUntil(() -> context.connection().gatewayUp());
        StringBuilder yaml = new StringBuilder(
                "_format_version: \"3.0\"\nservices:\n- name: many\n  host: many.test\n" + "  routes:\n");
        for (int i = 0; i < 2000; i++) {
            yaml.append("  - name: r")
                    .append(i)
                    .append("\n    paths: [\"/api/v1/item-")
                    .append(i)
                    .append("\"]\n");
        }
        byte[] body = yaml.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var transport = new dev.gatehouse.app.http.ApiTransport(
                dev.gatehouse.app.http.ApiEndpoint.of(kong().baseUri()),
                java.time.Duration.ofSeconds(3),
                java.time.Duration.ofSeconds(60));
        assertThat(transport
                        .send("POST", "/config", body, org.apache.hc.core5.http.ContentType.create("application/yaml"))
                        .join()
                        .status())
                .isEqualTo(201);
        transport.close();

        open(robot, RoutesPage.ID);
        waitUntil(() -> rows(robot) == 2000);
        robot.clickOn("#filter").write("item-1234");
        RoutesViewModel routes = (RoutesViewModel) context.pageModel(RoutesPage.ID);
        waitUntil(() -> rows(robot) == 1);
        long micros = routes.lastFilterMicrosProperty().get();
        System.out.printf("filter over 2000 routes: last pass %.2f ms%n", micros / 1000.0);
        assertThat(routes.filtered().get(0).path("name").asText()).isEqualTo("r1234");
        assertThat(robot.lookup("#count").queryAs(Label.class).getText()).isEqualTo("1 of 2,000");
    }
}
