package dev.gatehouse.app.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.kubernetes.testing.ClusterConsole;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.certificates.CaCertificatesPage;
import dev.gatehouse.app.pages.certificates.CertificatesPage;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.pages.upstreams.UpstreamsPage;
import dev.gatehouse.app.testing.FxShots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.Label;
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
 * On a Kubernetes connection, the gateway pages of kinds the Kong Ingress Controller's resources do not carry
 * (upstreams, certificates, CA certificates) say so in a sentence in place of the table: no error, no spinner that never stops.
 */
@ExtendWith(ApplicationExtension.class)
class KubernetesUnofferedPagesUiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private ClusterConsole console;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        console = ClusterConsole.start(dir, stage);
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

    private static Label unavailable(FxRobot robot, String id) {
        return robot.lookup((Node n) -> id.equals(n.getId()) && shown(n)).queryAs(Label.class);
    }

    /** Visible, and so is everything it sits in. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    @Test
    void pagesOfKindsTheClusterDoesNotCarrySaySoInASentence(FxRobot robot) throws Exception {
        waitUntil(() -> context.connection().gatewayUp());
        for (PageId page : List.of(UpstreamsPage.ID, CertificatesPage.ID, CaCertificatesPage.ID)) {
            robot.clickOn("#nav-" + page.value());
            EntityPageViewModel model = (EntityPageViewModel) context.pageModel(page);
            waitUntil(() -> !model.unavailableProperty().get().isEmpty());
            assertThat(model.loadingProperty().get()).isFalse();
            assertThat(unavailable(robot, "entity-unavailable").getText())
                    .isEqualTo("This connection does not offer " + model.nounPlural() + ".");
            assertThat(unavailable(robot, "entity-unavailable-reason").getText())
                    .startsWith("A Kubernetes connection manages");
            assertThat(robot.lookup("#table").queryAll().stream().filter(KubernetesUnofferedPagesUiTest::shown))
                    .as("no table is shown in its place")
                    .isEmpty();
            String shots = System.getProperty("gwpages.shots");
            if (shots != null) {
                Files.createDirectories(Path.of(shots));
                FxShots.themes(context, Path.of(shots), page.value() + "-kubernetes", 10);
            }
        }
    }
}
