package dev.gatehouse.app.pages.traffic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.DirectBackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.traffic.DeflatedJson;
import dev.gatehouse.app.traffic.FramePulse;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the request log's view-model costs the FX thread at 5,000 events/s (84 per 60 Hz frame) with the 100,000-entry
 * ring full: per-frame batch handling, and the one full pass a filter change makes. Run as a plain main.
 */
public final class TrafficLogBench {

    private TrafficLogBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("traffic-bench");
        TrafficFeed feed = new TrafficFeed(TrafficFeed.DEFAULT_CAPACITY);
        LiveTraffic traffic =
                new LiveTraffic(feed, FramePulse.MANUAL, new DirectBackgroundExecutor(), UiExecutor.DIRECT);
        ActiveConnection connection = new ActiveConnection(
                ConnectionProfile.embedded(),
                TestConnections.resolver(new FileSecretStore(dir.resolve("config")), TestConnections.sandbox(dir)),
                UiExecutor.DIRECT);
        TrafficViewModel model = new TrafficViewModel(new Messages(Locale.ROOT), connection, id -> {}, traffic);
        ObjectNode details = JsonNodeFactory.instance.objectNode().put("k", "v");
        long[] seq = {0};
        Instant t0 = Instant.now();
        Runnable oneFrame = () -> {
            for (int i = 0; i < 84; i++) {
                long n = seq[0]++;
                Instant at = t0.plusMillis(n / 5);
                boolean request = n % 3 == 0;
                feed.sink()
                        .accept(new TrafficEvent(
                                0,
                                System.nanoTime(),
                                request ? Origin.GATEWAY : Origin.MESH,
                                at,
                                request ? "" : "default",
                                request ? "alice" : "demo-app",
                                request ? "demo" : "redis",
                                request ? "demo-rt" : "",
                                request ? "alice" : "",
                                "GET",
                                "/counter?n=" + n,
                                request ? (n % 9 == 0 ? 401 : 200) : 0,
                                request && n % 9 == 0 ? Outcome.AUTH_DENIED : Outcome.SUCCESS,
                                2,
                                "",
                                request ? "demo-app.mesh" : "",
                                request ? "" : "INBOUND",
                                "-",
                                "",
                                DeflatedJson.of(details)));
            }
            feed.pulse();
        };
        while (feed.size() < feed.capacity()) {
            oneFrame.run();
        }
        int frames = 600;
        long[] nanos = new long[frames];
        for (int f = 0; f < frames; f++) {
            long start = System.nanoTime();
            oneFrame.run();
            nanos[f] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "ring full (%,d), %,d rows: 84 events per frame take mean %.3f ms, p99 %.3f ms, max %.3f ms%n",
                feed.size(),
                model.rows().size(),
                Arrays.stream(nanos).average().orElse(0) / 1e6,
                nanos[frames * 99 / 100] / 1e6,
                nanos[frames - 1] / 1e6);
        // typing "alice n=7": one full pass per keystroke
        String typed = "alice n=7";
        for (int i = 1; i <= typed.length(); i++) {
            long start = System.nanoTime();
            model.textProperty().set(typed.substring(0, i));
            System.out.printf(
                    "filter \"%s\" over %,d rows: %.1f ms (%,d match)%n",
                    typed.substring(0, i),
                    feed.size(),
                    (System.nanoTime() - start) / 1e6,
                    model.rows().size());
        }
    }
}
