package dev.gatehouse.app.testing;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionResolver;
import dev.gatehouse.app.connection.EndpointSettings;
import dev.gatehouse.app.embedded.EmbeddedPlatform;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.secret.SecretStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Connections for view-model tests: real clients, real sockets, the calling thread as UI thread. */
public final class TestConnections {

    private TestConnections() {}

    public static ConnectionProfile remoteKong(String name, URI admin, Optional<URI> proxy) {
        return new ConnectionProfile(
                name,
                name,
                ConnectionKind.REMOTE_KONG,
                Optional.of(EndpointSettings.plain(admin)),
                proxy,
                Optional.empty());
    }

    public static ConnectionProfile remoteKuma(String name, URI api) {
        return new ConnectionProfile(
                name,
                name,
                ConnectionKind.REMOTE_KUMA,
                Optional.empty(),
                Optional.empty(),
                Optional.of(EndpointSettings.plain(api)));
    }

    public static ConnectionResolver resolver(SecretStore secrets, EmbeddedPlatform platform) {
        return new ConnectionResolver(secrets, platform, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** A sandbox on free ports under {@code dir}; close it at the end of the test. */
    public static InProcessPlatform sandbox(Path dir) {
        return new InProcessPlatform(dir.resolve("sandbox"), InProcessPlatform.Ports.ANY);
    }

    /** An active connection to a remote {@code profile}, connected and checked before it is returned. */
    public static ActiveConnection connected(Path dir, ConnectionProfile profile) {
        return connected(dir, profile, sandbox(dir));
    }

    /** An active connection to {@code profile}, with {@code platform} for the embedded sandbox. */
    public static ActiveConnection connected(Path dir, ConnectionProfile profile, EmbeddedPlatform platform) {
        ActiveConnection connection = new ActiveConnection(
                profile, resolver(new FileSecretStore(dir.resolve("config")), platform), UiExecutor.DIRECT);
        connection.connect().join();
        return connection;
    }
}
