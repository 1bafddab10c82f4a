package dev.gatehouse.app.pages.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.concurrent.DirectBackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.traffic.FramePulse;
import dev.gatehouse.app.traffic.KongLogEntries;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.MeshAccessLogLines;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request log over the feed: rows per batch, bounded, filtered incrementally, paused, linked, masked. */
class TrafficViewModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-03T20:00:00Z");

    @TempDir
    Path dir;

    private TrafficFeed feed;
    private long clock = 1;

    /** The table's clock in the tests of its pace. */
    private long now;

    /** A model whose table takes every batch at once (the pace has tests of its own). */
    private TrafficViewModel model(int capacity) {
        return model(capacity, 0);
    }

    private TrafficViewModel model(int capacity, long intervalNanos) {
        feed = new TrafficFeed(capacity);
        LiveTraffic traffic =
                new LiveTraffic(feed, FramePulse.MANUAL, new DirectBackgroundExecutor(), UiExecutor.DIRECT);
        ActiveConnection connection = new ActiveConnection(
                ConnectionProfile.embedded(),
                TestConnections.resolver(new FileSecretStore(dir.resolve("config")), TestConnections.sandbox(dir)),
                UiExecutor.DIRECT);
        return new TrafficViewModel(new Messages(Locale.ROOT), connection, id -> {}, traffic, () -> now, intervalNanos);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request as Kong's log serializer writes it (the fields the console reads, and credentials to mask). */
    private TrafficEvent request(int status, String consumer, String path, long startMillis, int latency, String id) {
        String consumerJson = consumer == null ? "" : ",\"consumer\":{\"username\":\"" + consumer + "\"}";
        return KongLogEntries.parse(
                json("""
                        {"request":{"method":"GET","uri":"%s","id":"%s",
                          "headers":{"apikey":"alice-secret-key","authorization":"Bearer top-secret"},
                          "querystring":{"apikey":"alice-secret-key"}},
                         "response":{"status":%d},"route":{"name":"demo-rt"},
                         "service":{"name":"demo","host":"demo-app.mesh"},
                         "latencies":{"request":%d},"started_at":%d,"client_ip":"127.0.0.1"%s}
                        """.formatted(path, id, status, latency, T0.toEpochMilli() + startMillis, consumerJson)), clock++);
    }

    /** An inbound hop as a data plane logs it. */
    private TrafficEvent hop(String source, String destination, long startMillis, boolean denied) {
        return MeshAccessLogLines.parse(
                json("""
                        {"start_time":"%s","mesh":"default","traffic_direction":"INBOUND",
                         "source_service":"%s","destination_service":"%s","protocol":"tcp",
                         "response_flags":"-","duration":1,"action":"%s","allowed":%s}
                        """.formatted(
                                T0.plusMillis(startMillis), source, destination, denied ? "Deny" : "Allow", !denied)),
                clock++);
    }

    private void deliver(TrafficEvent... events) {
        for (TrafficEvent e : events) {
            feed.sink().accept(e);
        }
        feed.pulse();
    }

    private static List<Integer> statuses(TrafficViewModel model) {
        return model.rows().stream().map(r -> r.event().status()).toList();
    }

    @Test
    void eachBatchIsAppendedOnceAndTheRingsEvictionsLeaveFromTheHead() {
        TrafficViewModel model = model(5);
        List<String> changes = new ArrayList<>();
        model.rows().addListener((ListChangeListener<TrafficRow>) c -> {
            while (c.next()) {
                changes.add((c.wasRemoved() ? "-" + c.getRemovedSize() : "")
                        + (c.wasAdded() ? "+" + c.getAddedSize() : ""));
            }
        });
        deliver(
                request(200, "alice", "/1", 0, 1, "a"),
                request(200, "alice", "/2", 10, 1, "b"),
                request(401, null, "/3", 20, 1, "c"));
        assertThat(changes).containsExactly("+3");
        deliver(
                request(200, "alice", "/4", 30, 1, "d"), request(200, "alice", "/5", 40, 1, "e"),
                request(200, "alice", "/6", 50, 1, "f"), request(200, "alice", "/7", 60, 1, "g"));
        // never a rebuild: the two overwritten rows leave the head, the four new ones join the tail
        assertThat(changes).containsExactly("+3", "-2", "+4");
        assertThat(model.rows()).extracting(r -> r.event().path()).containsExactly("/3", "/4", "/5", "/6", "/7");
        assertThat(model.bufferProperty().get()).isEqualTo("5 of 5 \u00b7 2 dropped");
    }

    @Test
    void theTableTakesChangesTenTimesASecondAtMostAndNothingIsHeldBackAtTheEnd() {
        TrafficViewModel model = model(100, TrafficViewModel.TABLE_INTERVAL_NANOS);
        List<Integer> sizes = new ArrayList<>();
        model.rows().addListener((ListChangeListener<TrafficRow>)
                c -> sizes.add(model.rows().size()));
        deliver(request(200, "alice", "/1", 0, 1, "a"));
        assertThat(statuses(model)).hasSize(1); // the first batch after a quiet spell shows at once
        now += 16_000_000L;
        deliver(request(200, "alice", "/2", 16, 1, "b"));
        now += 16_000_000L;
        deliver(request(404, "alice", "/3", 32, 1, "c"));
        assertThat(model.rows()).hasSize(1); // two frames later: held back
        now += 70_000_000L; // 102 ms after the first was shown: the next pulse shows both, in one change
        feed.pulse();
        assertThat(model.rows()).extracting(r -> r.event().path()).containsExactly("/1", "/2", "/3");
        assertThat(sizes).containsExactly(1, 3);

        now += 10_000_000L;
        deliver(request(500, "alice", "/4", 120, 1, "d"));
        model.statusProperty().set(StatusFilter.SERVER_ERROR); // a filter shows the held-back rows it lets through
        assertThat(model.rows()).extracting(r -> r.event().path()).containsExactly("/4");
        model.statusProperty().set(StatusFilter.ALL);
        now += 10_000_000L;
        deliver(request(200, "alice", "/5", 140, 1, "e"));
        model.pausedProperty().set(true); // pausing shows what was held back, then holds still
        assertThat(model.rows()).extracting(r -> r.event().path()).containsExactly("/1", "/2", "/3", "/4", "/5");
        model.pausedProperty().set(false);

        now += 10_000_000L;
        feed.sink().accept(request(200, "alice", "/6", 160, 1, "f"));
        feed.flush(); // the watch stopped: no later frame will come
        assertThat(model.rows()).hasSize(6);
    }

    @Test
    void filtersApplyToNewRowsAndRebuildOnlyWhenChanged() {
        TrafficViewModel model = model(100);
        deliver(
                request(200, "alice", "/ok", 0, 1, "a"),
                request(401, null, "/nokey", 10, 1, "b"),
                request(404, "alice", "/missing", 20, 1, "c"),
                request(503, "bob", "/down", 30, 1, "d"),
                hop("gateway", "demo-app", 500, true));
        assertThat(model.rows()).hasSize(5);
        assertThat(model.consumers()).containsExactly("", "alice", "bob");

        model.statusProperty().set(StatusFilter.AUTH_DENIED);
        assertThat(statuses(model)).containsExactly(401);
        deliver(request(403, "bob", "/forbidden", 40, 1, "e"), request(200, "bob", "/fine", 50, 1, "f"));
        assertThat(statuses(model)).containsExactly(401, 403);

        model.statusProperty().set(StatusFilter.MESH_DENIED);
        assertThat(model.rows()).hasSize(1);
        assertThat(model.rows().getFirst().hopsTextProperty().get()).isEqualTo("denied at demo-app");

        model.statusProperty().set(StatusFilter.ALL);
        model.consumerProperty().set("bob");
        assertThat(statuses(model)).containsExactly(503, 403, 200);
        // a consumer seen for the first time joins the choices in order; the choice made stays
        deliver(request(200, "aaron", "/new", 60, 1, "g"));
        assertThat(model.consumers()).containsExactly("", "aaron", "alice", "bob");
        assertThat(model.consumerProperty().get()).isEqualTo("bob");
        assertThat(statuses(model)).containsExactly(503, 403, 200);
        model.consumerProperty().set(TrafficViewModel.ANY);
        model.textProperty().set("MISS alice");
        assertThat(statuses(model)).containsExactly(404);
        model.textProperty().set("");
        model.meshHopsProperty().set(false);
        assertThat(model.rows()).allMatch(TrafficRow::isRequest).hasSize(7);
    }

    @Test
    void pauseFreezesTheTableWhileTheFeedFillsAndResumeCatchesUp() {
        TrafficViewModel model = model(100);
        deliver(request(200, "alice", "/1", 0, 1, "a"));
        model.pausedProperty().set(true);
        deliver(request(200, "alice", "/2", 10, 1, "b"), request(200, "alice", "/3", 20, 1, "c"));
        assertThat(model.rows()).hasSize(1);
        assertThat(model.waitingCountProperty().get()).isEqualTo(2);
        assertThat(feed.size()).isEqualTo(3);
        model.pausedProperty().set(false);
        assertThat(model.rows()).extracting(r -> r.event().path()).containsExactly("/1", "/2", "/3");
        assertThat(model.waitingCountProperty().get()).isZero();
    }

    @Test
    void aHopLoggedBeforeItsRequestMovesIntoTheRequestsRow() {
        TrafficViewModel model = model(100);
        deliver(hop("gateway", "demo-app", 1, false), hop("demo-app", "redis", 2, false));
        assertThat(model.rows()).hasSize(2).noneMatch(TrafficRow::isRequest);
        deliver(request(200, "alice", "/increment", 0, 5, "id-1"));
        assertThat(model.rows()).hasSize(1);
        TrafficRow row = model.rows().getFirst();
        assertThat(row.hopsTextProperty().get())
                .isEqualTo("\u2248gateway\u2192demo-app \u2713, \u2248demo-app\u2192redis \u2713");
        model.selectedProperty().set(row);
        assertThat(model.detailsProperty().get())
                .contains("linked by time (probable")
                .contains("\"destination_service\" : \"redis\"");
    }

    @Test
    void aRowWhoseHopIsDeniedLaterJoinsTheMeshDeniedFilterInItsPlace() {
        TrafficViewModel model = model(100);
        model.statusProperty().set(StatusFilter.MESH_DENIED);
        deliver(hop("gateway", "demo-app", 1, true), request(503, "alice", "/first", 0, 5, ""));
        deliver(request(503, "alice", "/second", 100, 50, ""), request(200, "alice", "/third", 200, 5, ""));
        assertThat(model.rows()).extracting(r -> r.event().path()).containsExactly("/first");
        // the second request's hop is logged after it (its connection closed late)
        deliver(hop("gateway", "demo-app", 120, true));
        assertThat(model.rows()).extracting(r -> r.event().path()).containsExactly("/first", "/second");
    }

    @Test
    void aHopRepeatedForOneRequestIsCounted() {
        TrafficViewModel model = model(100);
        deliver(
                hop("gateway", "demo-app", 1, true), hop("gateway", "demo-app", 2, true),
                hop("gateway", "demo-app", 3, true), request(503, "alice", "/", 0, 5, "id-1"));
        assertThat(model.rows()).hasSize(1);
        assertThat(model.rows().getFirst().hopsTextProperty().get()).isEqualTo("\u2248denied at demo-app \u00d73");
        model.statusProperty().set(StatusFilter.MESH_DENIED);
        assertThat(model.rows()).hasSize(1);
    }

    @Test
    void theDetailsShowEveryFieldButNeverACredential() {
        TrafficViewModel model = model(100);
        deliver(request(200, "alice", "/x?apikey=alice-secret-key&page=2", 0, 1, "a"));
        model.selectedProperty().set(model.rows().getFirst());
        String details = model.detailsProperty().get();
        assertThat(details)
                .contains("\"started_at\"", "\"latencies\"", "\"client_ip\"", "page=2", "demo-rt")
                .doesNotContain("alice-secret-key")
                .doesNotContain("top-secret");
    }
}
