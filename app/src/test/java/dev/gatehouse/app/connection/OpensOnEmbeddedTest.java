package dev.gatehouse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.testing.TestConnections;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether the console may start the sandbox before its window, read from the real connections file. */
class OpensOnEmbeddedTest {

    @TempDir
    Path dir;

    private final ConnectionProfile remote = TestConnections.remoteKuma("prod", URI.create("http://127.0.0.1:5681"));

    @Test
    void aFirstStartOpensOnTheSandbox() {
        assertThat(ConnectionStore.opensOnEmbedded(dir)).isTrue();
    }

    @Test
    void followsTheSavedActiveConnection() {
        ConnectionStore store = new ConnectionStore(dir, new FileSecretStore(dir));
        store.save(remote.id(), List.of(ConnectionProfile.embedded(), remote));
        assertThat(ConnectionStore.opensOnEmbedded(dir)).isFalse();

        store.save(ConnectionProfile.EMBEDDED_ID, List.of(ConnectionProfile.embedded(), remote));
        assertThat(ConnectionStore.opensOnEmbedded(dir)).isTrue();
    }

    @Test
    void anActiveConnectionNoLongerSavedFallsBackToTheSandboxAsLoadDoes() throws Exception {
        Files.writeString(dir.resolve("connections.json"), "{\"active\":\"gone\",\"profiles\":[]}");
        assertThat(new ConnectionStore(dir, new FileSecretStore(dir)).load().active())
                .isEqualTo(ConnectionProfile.EMBEDDED_ID);
        assertThat(ConnectionStore.opensOnEmbedded(dir)).isTrue();
    }

    @Test
    void anUnreadableFileStartsNothingEarly() throws Exception {
        Files.writeString(dir.resolve("connections.json"), "{not json");
        assertThat(ConnectionStore.opensOnEmbedded(dir)).isFalse();
    }
}
