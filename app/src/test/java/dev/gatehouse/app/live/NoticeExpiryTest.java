package dev.gatehouse.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.testing.ManualUiScheduler;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages such as "Created service …" belong to their moment and their connection. */
class NoticeExpiryTest {

    @TempDir
    Path dir;

    @Test
    void aMessageGoesAfterAWhileAndAtOnceWhenTheConnectionChanges() {
        try (RunningGateway one = TestRuntimes.gateway(dir.resolve("one"));
                RunningGateway two = TestRuntimes.gateway(dir.resolve("two"))) {
            ActiveConnection connection = TestConnections.connected(
                    dir, TestConnections.remoteKong("one", URI.create(one.adminUrl()), Optional.empty()));
            ManualUiScheduler clock = new ManualUiScheduler();
            NoticeExpiry expiry = new NoticeExpiry(connection, clock, Duration.ofSeconds(10));
            StringProperty status = new SimpleStringProperty("");
            StringProperty shell = new SimpleStringProperty("Ready.");
            expiry.watch(status, "");
            expiry.watch(shell, "Ready.");

            status.set("Created service billing.");
            clock.advance(Duration.ofSeconds(9));
            assertThat(status.get()).isEqualTo("Created service billing.");
            // A newer message gets its own full while.
            status.set("Deleted 1 service.");
            clock.advance(Duration.ofSeconds(9));
            assertThat(status.get()).isEqualTo("Deleted 1 service.");
            clock.advance(Duration.ofSeconds(1));
            assertThat(status.get()).isEmpty();

            shell.set("Theme: Dark.");
            clock.advance(Duration.ofSeconds(10));
            assertThat(shell.get()).isEqualTo("Ready.");

            status.set("Created service billing.");
            connection
                    .switchTo(TestConnections.remoteKong("two", URI.create(two.adminUrl()), Optional.empty()))
                    .join();
            assertThat(status.get()).as("a message of the connection just left").isEmpty();
            connection.close();
        }
    }
}
