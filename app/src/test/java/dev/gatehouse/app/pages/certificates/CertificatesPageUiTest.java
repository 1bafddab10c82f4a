package dev.gatehouse.app.pages.certificates;

import static dev.gatehouse.app.testing.FormRobot.addChip;
import static dev.gatehouse.app.testing.FormRobot.byId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.TestCertificates;
import dev.gatehouse.app.testing.TestRuntimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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
 * The Certificates and CA certificates pages driven like a user against the embedded gateway: a certificate and its
 * key pasted into the form with two SNIs, then seen listed with its SNIs and expiry warning, and its key absent from
 * the page and from the edit form; a CA certificate added and listed. With {@code -Dgwpages.shots=DIR} it writes
 * the pages in light and dark theme there, never with a key on screen.
 */
@ExtendWith(ApplicationExtension.class)
class CertificatesPageUiTest {

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

    private EntityPageViewModel open(FxRobot robot, PageId page) throws Exception {
        robot.clickOn("#nav-" + page.value());
        EntityPageViewModel model = (EntityPageViewModel) context.pageModel(page);
        waitUntil(() -> !model.loadingProperty().get());
        return model;
    }

    /** Pastes {@code text} into a text area of the form, as Ctrl+V would. */
    private static void paste(FxRobot robot, String id, String text) {
        TextArea area = byId(robot, id);
        robot.interact(() -> {
            area.requestFocus();
            area.replaceSelection(text);
        });
    }

    /** Every text the page shows in labels, cells and inputs. */
    private static String shownText(FxRobot robot) {
        StringBuilder all = new StringBuilder();
        robot.lookup((Node n) -> n instanceof Labeled || n instanceof javafx.scene.control.TextInputControl)
                .queryAll()
                .forEach(n -> all.append(
                                n instanceof Labeled l
                                        ? l.getText()
                                        : ((javafx.scene.control.TextInputControl) n).getText())
                        .append('\n'));
        return all.toString();
    }

    @Test
    void createsACertificateWithSnisAndSeesItListed(FxRobot robot) throws Exception {
        waitUntil(() -> context.connection().gatewayUp());
        kong = TestRuntimes.kong(
                context.connection().apis().gateway().orElseThrow().address());
        TestCertificates pair = TestCertificates.selfSigned(dir, "shop.example.com", Duration.ofDays(12));
        String key = Files.readString(pair.privateKey());
        String keyLine =
                key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();

        EntityPageViewModel certificates = open(robot, CertificatesPage.ID);
        robot.clickOn("#create");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        paste(robot, "field-cert", Files.readString(pair.certificate()));
        paste(robot, "field-key", key);
        addChip(robot, "field-snis", "shop.example.com");
        addChip(robot, "field-snis", "*.shop.example.com");
        robot.clickOn("#form-save");
        waitUntil(() -> certificates.formProperty().get() == null);

        TableView<?> table = robot.lookup("#table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(1);
        String shown = shownText(robot);
        assertThat(shown)
                .contains("*.shop.example.com, shop.example.com")
                .contains("in 11 days")
                .contains("EC P-256")
                .doesNotContain(keyLine);
        String id = Rows.text(certificates.selectedProperty().get(), "id");
        assertThat(Rows.list(kong.get("/certificates/" + id).join(), "snis"))
                .containsExactlyInAnyOrder("shop.example.com", "*.shop.example.com");

        String shots = System.getProperty("gwpages.shots");
        Path out = shots == null ? null : Files.createDirectories(Path.of(shots));
        if (out != null) {
            FxShots.themes(context, out, "certificates", 20);
        }
        robot.clickOn("#edit");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        assertThat(((TextArea) byId(robot, "field-key")).getText()).isEmpty();
        assertThat(shownText(robot)).doesNotContain(keyLine);
        if (out != null) {
            FxShots.themes(context, out, "certificates-form", 20);
        }
        robot.clickOn("#form-cancel");

        TestCertificates ca = TestCertificates.selfSigned(dir, "Shop Root CA", Duration.ofDays(400));
        EntityPageViewModel cas = open(robot, CaCertificatesPage.ID);
        robot.clickOn("#create");
        waitUntil(() -> robot.lookup("#form-title").tryQuery().isPresent());
        paste(robot, "field-cert", Files.readString(ca.certificate()));
        robot.clickOn("#form-save");
        waitUntil(() -> cas.formProperty().get() == null);
        assertThat(robot.lookup("#table").queryAs(TableView.class).getItems()).hasSize(1);
        String digest = kong.listAll("/ca_certificates")
                .join()
                .getFirst()
                .path("cert_digest")
                .asText();
        assertThat(shownText(robot))
                .contains("Shop Root CA")
                .contains(digest.substring(0, 16))
                .contains(digest);
        if (out != null) {
            FxShots.themes(context, out, "ca-certificates", 20);
        }
    }
}
