package dev.gatehouse.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.concurrent.DirectBackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.embedded.EmbeddedAddresses;
import dev.gatehouse.app.embedded.EmbeddedPlatform;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.traffic.FramePulse;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.TrafficSource;
import dev.gatehouse.app.traffic.TrafficWatch;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded connection's traffic is watched while it is active, and only that watch is stopped on a switch. */
class SandboxTrafficAutoWatchTest {

    @TempDir
    Path dir;

    /** A source that counts its running watches. */
    private static final class CountingSource implements TrafficSource {
        final AtomicInteger running = new AtomicInteger();

        @Override
        public TrafficWatch start(TrafficSink sink) {
            running.incrementAndGet();
            return new TrafficWatch() {
                @Override
                public String summary() {
                    return "counting";
                }

                @Override
                public void close() {
                    running.decrementAndGet();
                }
            };
        }
    }

    /** An embedded platform that is "running" at once (nothing listens: health checks fail, which is fine here). */
    private static final class FakePlatform implements EmbeddedPlatform {
        final CountingSource source = new CountingSource();
        final EmbeddedAddresses addresses = new EmbeddedAddresses(
                URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9"), Optional.empty());

        @Override
        public CompletableFuture<EmbeddedAddresses> start(Consumer<String> progress) {
            return CompletableFuture.completedFuture(addresses);
        }

        @Override
        public Optional<EmbeddedAddresses> running() {
            return Optional.of(addresses);
        }

        @Override
        public Optional<TrafficSource> traffic() {
            return Optional.of(source);
        }

        @Override
        public Path dataDir() {
            return Path.of("unused");
        }

        @Override
        public void close() {}
    }

    private ActiveConnection connection(FakePlatform platform, ConnectionProfile initial) {
        return new ActiveConnection(
                initial,
                TestConnections.resolver(new FileSecretStore(dir.resolve("config")), platform),
                UiExecutor.DIRECT);
    }

    private static LiveTraffic traffic() {
        return new LiveTraffic(
                new TrafficFeed(1_000), FramePulse.MANUAL, new DirectBackgroundExecutor(), UiExecutor.DIRECT);
    }

    @Test
    void theEmbeddedConnectionIsWatchedWhileActiveAndLeftWhenSwitchingAway() {
        FakePlatform platform = new FakePlatform();
        ActiveConnection connection = connection(platform, ConnectionProfile.embedded());
        LiveTraffic traffic = traffic();
        new SandboxTrafficAutoWatch(connection, traffic);
        assertThat(traffic.state()).isEqualTo(LiveTraffic.State.IDLE);

        connection.connect().join();
        assertThat(traffic.state()).isEqualTo(LiveTraffic.State.WATCHING);
        assertThat(traffic.source()).isSameAs(platform.source);
        assertThat(platform.source.running).hasValue(1);

        connection
                .switchTo(TestConnections.remoteKong("Remote", URI.create("http://127.0.0.1:9"), Optional.empty()))
                .join();
        assertThat(traffic.state()).isEqualTo(LiveTraffic.State.IDLE);
        assertThat(platform.source.running).hasValue(0);

        connection.switchTo(ConnectionProfile.embedded()).join();
        assertThat(traffic.state()).isEqualTo(LiveTraffic.State.WATCHING);
        assertThat(platform.source.running).hasValue(1);
        connection.close();
    }

    @Test
    void aWatchTheUserStartedIsNotStoppedBySwitchingAway() {
        FakePlatform platform = new FakePlatform();
        ActiveConnection connection = connection(platform, ConnectionProfile.embedded());
        LiveTraffic traffic = traffic();
        new SandboxTrafficAutoWatch(connection, traffic);
        connection.connect().join();
        CountingSource remote = new CountingSource();
        traffic.watch(remote);
        assertThat(platform.source.running).hasValue(0);

        connection
                .switchTo(TestConnections.remoteKong("Remote", URI.create("http://127.0.0.1:9"), Optional.empty()))
                .join();
        assertThat(traffic.source()).isSameAs(remote);
        assertThat(remote.running).hasValue(1);
        connection.close();
    }
}
