package dev.gatehouse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.secret.FileSecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Kubernetes profile's cluster settings in {@code connections.json}: kept whole, and read from older files. */
class ClusterSettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void theGatewayForHttpRoutesIsSavedAndAProfileSavedBeforeItReadsAsIngresses() throws Exception {
        ConnectionStore store = new ConnectionStore(dir, new FileSecretStore(dir.resolve("secrets")));
        ClusterSettings settings = new ClusterSettings(
                List.of(dir.resolve("config")), "staging", List.of("shop"), "kuma-system", Optional.of("kong/kong"));
        ConnectionProfile profile = new ConnectionProfile(
                "k8s",
                "Staging",
                ConnectionKind.KUBERNETES,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(settings));
        store.save("k8s", List.of(ConnectionProfile.embedded(), profile));

        assertThat(store.load().profiles().get(1).cluster()).contains(settings);

        // The file as a console before this change wrote it: no routesGateway field.
        Files.writeString(
                store.file(),
                Files.readString(store.file()).replaceAll(",\\s*\"routesGateway\"\\s*:\\s*\"kong/kong\"", ""));
        assertThat(Files.readString(store.file())).doesNotContain("routesGateway");
        ClusterSettings older = store.load().profiles().get(1).cluster().orElseThrow();
        assertThat(older.routesGateway()).isEmpty();
        assertThat(older.context()).isEqualTo("staging");
    }
}
