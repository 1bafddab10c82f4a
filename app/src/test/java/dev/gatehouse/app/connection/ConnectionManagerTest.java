package dev.gatehouse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.concurrent.DirectBackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.http.ConnectionProblem;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.testing.GatewayProcess;
import dev.gatehouse.app.testing.TestCertificates;
import dev.gatehouse.app.testing.TestConnections;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved connections against a second gateway process standing in for a remote Kong: test, save, use, tokens.
 */
class ConnectionManagerTest {

    private static final String TOKEN = "s3cret-admin-token";

    @TempDir
    static Path shared;

    private static GatewayProcess open;
    private static GatewayProcess guarded;
    private static GatewayProcess tls;
    private static TestCertificates certificate;

    @TempDir
    Path dir;

    private FileSecretStore secrets;
    private ConnectionStore store;
    private ConnectionManager manager;

    @BeforeAll
    static void startGateways() throws Exception {
        open = GatewayProcess.start(shared.resolve("open"), "--admin-listen", "127.0.0.1:0");
        guarded = GatewayProcess.start(
                shared.resolve("guarded"), "--admin-listen", "127.0.0.1:0", "--admin-token", TOKEN);
        // Kong's admin_listen "... ssl" with admin_ssl_cert / admin_ssl_cert_key, here a self-signed pair.
        certificate = TestCertificates.selfSigned(shared, "admin");
        tls = GatewayProcess.start(
                shared.resolve("tls"),
                "--admin-listen",
                "127.0.0.1:0 ssl",
                "--admin-ssl-cert",
                certificate.certificate().toString(),
                "--admin-ssl-cert-key",
                certificate.privateKey().toString());
    }

    @AfterAll
    static void stopGateways() throws Exception {
        open.close();
        guarded.close();
        tls.close();
    }

    private dev.gatehouse.app.embedded.InProcessPlatform sandbox;

    @BeforeEach
    void setUp() {
        secrets = new FileSecretStore(dir);
        store = new ConnectionStore(dir, secrets);
        sandbox = TestConnections.sandbox(dir);
        var resolver = TestConnections.resolver(secrets, sandbox);
        ActiveConnection active = new ActiveConnection(ConnectionProfile.embedded(), resolver, UiExecutor.DIRECT);
        manager = new ConnectionManager(
                store,
                secrets,
                active,
                resolver,
                new DirectBackgroundExecutor(),
                UiExecutor.DIRECT,
                store.load().profiles());
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() {
        manager.active().close();
        sandbox.close();
    }

    private static ConnectionProfile kong(String name, URI admin, Map<String, String> headers) {
        return new ConnectionProfile(
                name,
                name,
                ConnectionKind.REMOTE_KONG,
                Optional.of(
                        new EndpointSettings(admin, TokenScheme.KONG_ADMIN_TOKEN, headers, Optional.empty(), false)),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void aRemoteKongAnswersWithProductVersionAndLatency() {
        ConnectionTestResult result = manager.test(
                        kong("remote", open.adminUri(), Map.of()), Optional.empty(), Optional.empty())
                .join();
        assertThat(result.gateway().isUp()).isTrue();
        assertThat(result.gateway().product()).isEqualTo("Gatehouse gateway");
        assertThat(result.gateway().version()).isNotBlank();
        assertThat(result.mesh().status()).isEqualTo(EndpointHealth.Status.UNKNOWN);
    }

    @Test
    void aWrongUrlIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ConnectionTestResult result = manager.test(
                        kong("wrong", URI.create("http://127.0.0.1:" + port), Map.of()),
                        Optional.empty(),
                        Optional.empty())
                .join();
        assertThat(result.gateway().problem()).isEqualTo(ConnectionProblem.REFUSED);
    }

    @Test
    void aMissingOrWrongTokenIsUnauthorizedAndTheRightOneWorks() {
        ConnectionProfile profile = kong("guarded", guarded.adminUri(), Map.of());
        assertThat(manager.test(profile, Optional.empty(), Optional.empty())
                        .join()
                        .gateway()
                        .problem())
                .isEqualTo(ConnectionProblem.UNAUTHORIZED);
        assertThat(manager.test(profile, Optional.of("wrong"), Optional.empty())
                        .join()
                        .gateway()
                        .problem())
                .isEqualTo(ConnectionProblem.UNAUTHORIZED);
        assertThat(manager.test(profile, Optional.of(TOKEN), Optional.empty())
                        .join()
                        .gateway()
                        .isUp())
                .isTrue();
    }

    @Test
    void tlsWithASelfSignedCertificateNeedsItsCaFileOrAnExplicitSkip() {
        URI admin = tls.adminUri();
        assertThat(admin.getScheme()).isEqualTo("https");
        ConnectionProfile untrusted = kong("tls", admin, Map.of());
        assertThat(manager.test(untrusted, Optional.empty(), Optional.empty())
                        .join()
                        .gateway()
                        .problem())
                .isEqualTo(ConnectionProblem.TLS);

        ConnectionProfile withCa = new ConnectionProfile(
                "tls-ca",
                "tls-ca",
                ConnectionKind.REMOTE_KONG,
                Optional.of(new EndpointSettings(
                        admin, TokenScheme.KONG_ADMIN_TOKEN, Map.of(), Optional.of(certificate.certificate()), false)),
                Optional.empty(),
                Optional.empty());
        assertThat(manager.test(withCa, Optional.empty(), Optional.empty())
                        .join()
                        .gateway()
                        .isUp())
                .isTrue();

        ConnectionProfile skipping = new ConnectionProfile(
                "tls-skip",
                "tls-skip",
                ConnectionKind.REMOTE_KONG,
                Optional.of(
                        new EndpointSettings(admin, TokenScheme.KONG_ADMIN_TOKEN, Map.of(), Optional.empty(), true)),
                Optional.empty(),
                Optional.empty());
        assertThat(manager.test(skipping, Optional.empty(), Optional.empty())
                        .join()
                        .gateway()
                        .isUp())
                .isTrue();
    }

    @Test
    void aSavedTokenIsUsedAndNeverWrittenToTheProfilesFile() throws Exception {
        ConnectionProfile profile = kong("guarded", guarded.adminUri(), Map.of("X-Team", "platform"));
        manager.save(profile, Optional.of(TOKEN), Optional.empty()).join();
        // Stored tokens are used by a later test and by activation.
        assertThat(manager.test(profile, Optional.empty(), Optional.empty())
                        .join()
                        .gateway()
                        .isUp())
                .isTrue();
        String file = Files.readString(store.file());
        assertThat(file).contains("guarded").doesNotContain(TOKEN).doesNotContain("platform");
        assertThat(secrets.get(profile.gatewayTokenKey())).contains(TOKEN);
        // A reload brings the header value back from the secret store.
        ConnectionProfile reloaded = store.load().profiles().stream()
                .filter(p -> p.id().equals("guarded"))
                .findFirst()
                .orElseThrow();
        assertThat(reloaded.gateway().orElseThrow().headers()).containsEntry("X-Team", "platform");

        manager.activate(profile).join();
        assertThat(manager.active().gatewayHealthProperty().get().isUp()).isTrue();
        assertThat(store.load().active()).isEqualTo("guarded");
    }

    @Test
    void deletingAProfileRemovesItsSecretsAndFallsBackToTheSandboxWhenActive() throws Exception {
        ConnectionProfile profile = kong("gone", open.adminUri(), Map.of("X-A", "b"));
        manager.save(profile, Optional.of("t"), Optional.empty()).join();
        manager.activate(profile).join();
        manager.delete(profile).join();
        assertThat(manager.profiles()).extracting(ConnectionProfile::id).containsExactly(ConnectionProfile.EMBEDDED_ID);
        assertThat(secrets.get(profile.gatewayTokenKey())).isEmpty();
        assertThat(secrets.get(ConnectionStore.headerKey(profile, "X-A"))).isEmpty();
        assertThat(manager.active().profile().isEmbedded()).isTrue();
    }
}
