package dev.gatehouse.app.pages.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a gateway page handles its answers when they come late, out of order, or not at all, against a real
 * gateway. The UI thread is one the test drives, so it decides in which order the answers are shown.
 */
class PageAnswersTest {

    /** Answers wait here until the test runs them, in the order it chooses. */
    private static final class HeldUi implements UiExecutor {
        private final List<Runnable> held = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable command) {
            held.add(command);
        }

        synchronized int size() {
            return held.size();
        }

        /** Runs the newest held answer only. */
        void runNewest() {
            Runnable newest;
            synchronized (this) {
                newest = held.remove(held.size() - 1);
            }
            newest.run();
        }

        /** Runs every held answer, newest first: the oldest answers arrive last. */
        void runNewestFirst() {
            List<Runnable> now;
            synchronized (this) {
                now = new ArrayList<>(held);
                held.clear();
            }
            for (int i = now.size() - 1; i >= 0; i--) {
                now.get(i).run();
            }
        }

        void awaitHeld(int count) {
            await().atMost(Duration.ofSeconds(10)).until(() -> size() >= count);
        }
    }

    @TempDir
    Path dir;

    private final HeldUi ui = new HeldUi();
    private RunningGateway gateway;
    private KongAdminClient admin;
    private ActiveConnection connection;
    private RoutesViewModel routes;

    @BeforeEach
    void start() throws Exception {
        gateway = TestRuntimes.gateway(dir.resolve("gw"));
        TestRuntimes.loadConfig(gateway, """
                _format_version: "3.0"
                services:
                - name: orders
                  host: orders.internal
                  routes:
                  - name: orders-list
                    paths: [/orders]
                plugins:
                - name: key-auth
                  service: orders
                """);
        admin = TestRuntimes.kong(gateway);
        connection = TestConnections.connected(
                dir, TestConnections.remoteKong("gw", URI.create(gateway.adminUrl()), Optional.empty()));
        routes = new RoutesViewModel(
                new Messages(Locale.ROOT), connection, page -> {}, new RecordingDialogService(), ui);
    }

    @AfterEach
    void stop() {
        admin.close();
        connection.close();
        gateway.close();
    }

    private ObjectNode route() {
        return routes.items().stream()
                .filter(r -> "orders-list".equals(r.path("name").asText()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anOlderAnswerArrivingAfterANewerOneDoesNotOverwriteIt() {
        routes.reload();
        ui.awaitHeld(2); // the list: its one page, then the whole
        ui.runNewestFirst(); // the list is shown; service names and key-auth coverage are asked for
        ui.awaitHeld(2); // both answers are back, not shown yet
        admin.delete("/plugins/"
                        + admin.listAll("/plugins").join().get(0).path("id").asText())
                .join();

        routes.reload(); // the user reloads after the plugin is gone
        ui.awaitHeld(4);
        ui.runNewest(); // the new list is shown, and asks again
        ui.awaitHeld(5);
        ui.runNewestFirst(); // the new answers first, the old coverage (key-auth still there) last
        assertThat(routes.coverageProperty().get().isProtected(route()))
                .as("coverage from before the reload")
                .isFalse();
    }

    @Test
    void aFailedLoadBesideTheListReachesThePagesErrorLine() {
        routes.reload();
        ui.awaitHeld(2);
        gateway.close(); // the gateway goes away after the list, before names and coverage
        ui.runNewestFirst();
        ui.awaitHeld(2);
        ui.runNewestFirst();
        assertThat(routes.loadErrorProperty().get()).startsWith("connection refused: nothing listens at 127.0.0.1:");
    }
}
