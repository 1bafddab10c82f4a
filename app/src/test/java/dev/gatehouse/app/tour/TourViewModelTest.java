package dev.gatehouse.app.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.testing.ManualUiScheduler;
import dev.gatehouse.app.testing.SandboxDemo;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.app.tour.TourStepModel.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour's model on a real embedded sandbox (gateway, control plane, data planes, demo workloads): what it finds
 * already true, a step done through the gateway's own API instead of the tour, one-click steps checked live through
 * the proxy, and progress kept per profile in the config directory across models. The test thread is the UI thread.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TourViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "alice-secret-key";

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private final ManualUiScheduler scheduler = new ManualUiScheduler();
    private InProcessPlatform sandbox;
    private ActiveConnection connection;

    @BeforeEach
    void start() {
        sandbox = TestConnections.sandbox(dir);
        connection = TestConnections.connected(dir, ConnectionProfile.embedded(), sandbox);
    }

    @AfterEach
    void stop() {
        connection.close();
        sandbox.close();
    }

    private TourViewModel model() {
        return new TourViewModel(
                messages,
                connection,
                new TourProgressStore(dir.resolve("config")),
                Runnable::run,
                UiExecutor.DIRECT,
                scheduler,
                Duration.ofSeconds(20),
                Clock.systemUTC());
    }

    private static Status status(TourViewModel model, TourStep step) {
        return model.step(step).statusProperty().get();
    }

    @Test
    void findsWhatIsAlreadyTrueDoesTheRestAndKeepsProgressPerProfile() throws Exception {
        TourViewModel model = model();
        model.openProperty().set(true);
        // The sandbox starts with an empty gateway, mTLS off and allow-all: nothing is done, only step 1 may start.
        await().atMost(WAIT)
                .until(() -> model.summaryProperty().get().equals("0 of 7 steps done")
                        && model.step(TourStep.EXPOSE).enabledProperty().get());
        for (TourStep step : TourStep.values()) {
            assertThat(status(model, step)).as(step.id()).isEqualTo(Status.TODO);
            assertThat(model.step(step).enabledProperty().get()).as(step.id()).isEqualTo(step == TourStep.EXPOSE);
        }
        assertThat(model.step(TourStep.ZERO_TRUST).previewProperty().get())
                .contains("# DELETE", "type: TrafficPermission", "name: allow-all-default");

        // Steps 1 to 3 done through the Admin API, as a decK file would (key-auth's key name is its default,
        // apikey); the tour's poll sees them.
        TestRuntimes.loadConfig(
                connection.apis().gateway().orElseThrow().address(),
                SandboxDemo.keyAuth(SandboxDemo.DEMO_APP, "alice", KEY));
        scheduler.advance(TourViewModel.POLL);
        await().atMost(WAIT).until(() -> model.summaryProperty().get().equals("3 of 7 steps done"));
        assertThat(status(model, TourStep.EXPOSE)).isEqualTo(Status.ALREADY_TRUE);
        assertThat(status(model, TourStep.REQUIRE_KEY)).isEqualTo(Status.ALREADY_TRUE);
        assertThat(status(model, TourStep.CONSUMER_KEY)).isEqualTo(Status.ALREADY_TRUE);
        assertThat(model.step(TourStep.MTLS).enabledProperty().get()).isTrue();
        assertThat(model.step(TourStep.ZERO_TRUST).enabledProperty().get()).isFalse();

        // A check on an already-true step sends the real request, with alice's key, and marks it done.
        model.check(TourStep.CONSUMER_KEY);
        await().atMost(WAIT).until(() -> status(model, TourStep.CONSUMER_KEY) == Status.DONE);
        assertThat(model.step(TourStep.CONSUMER_KEY).checkProperty().get())
                .isEqualTo("200 as expected: sent with apikey: ali\u2022\u2022\u2022\u2022\u2022 (key of alice)")
                .doesNotContain(KEY);

        // mTLS in one click: the Mesh is written through the repository and the request still passes.
        assertThat(model.step(TourStep.MTLS).previewProperty().get())
                .contains("type: Mesh", "enabledBackend: ca-1", "type: builtin");
        await().atMost(WAIT)
                .until(() -> model.step(TourStep.MTLS).enabledProperty().get());
        model.perform(TourStep.MTLS);
        await().atMost(WAIT).until(() -> status(model, TourStep.MTLS) == Status.DONE);
        assertThat(model.step(TourStep.MTLS).checkProperty().get()).startsWith("200 as expected: sent with apikey");
        MeshRepository mesh = connection.apis().mesh().orElseThrow();
        assertThat(mesh.find(MeshResourceType.MESH, "", "default")
                        .get(10, TimeUnit.SECONDS)
                        .orElseThrow()
                        .path("mtls")
                        .path("enabledBackend")
                        .asText())
                .isEqualTo("ca-1");

        // Zero trust: the check waits for the gateway's 503, as the seed describes.
        await().atMost(WAIT)
                .until(() -> model.step(TourStep.ZERO_TRUST).enabledProperty().get());
        model.perform(TourStep.ZERO_TRUST);
        await().atMost(WAIT).until(() -> status(model, TourStep.ZERO_TRUST) == Status.DONE);
        assertThat(model.step(TourStep.ZERO_TRUST).checkProperty().get())
                .isEqualTo("503 as expected: allow-all removed, the gateway may not reach demo-app yet");
        assertThat(mesh.find(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default")
                        .get(10, TimeUnit.SECONDS))
                .isEmpty();

        // Progress is on disk, owner-only, for this profile: a second model (a restart) shows the same marks.
        // (It is saved in the background once the step shows Done.)
        await().atMost(WAIT)
                .until(() -> new TourProgressStore(dir.resolve("config"))
                        .load("embedded")
                        .containsKey(TourStep.ZERO_TRUST));
        Path file = dir.resolve("config/tour-progress.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContain(KEY).contains("\"embedded\"");
        TourViewModel again = model();
        again.openProperty().set(true);
        await().atMost(WAIT).until(() -> again.summaryProperty().get().equals("5 of 7 steps done"));
        assertThat(status(again, TourStep.EXPOSE)).isEqualTo(Status.ALREADY_TRUE);
        assertThat(status(again, TourStep.CONSUMER_KEY)).isEqualTo(Status.DONE);
        assertThat(status(again, TourStep.MTLS)).isEqualTo(Status.DONE);
        assertThat(status(again, TourStep.ZERO_TRUST)).isEqualTo(Status.DONE);
        assertThat(again.step(TourStep.ZERO_TRUST).checkProperty().get()).startsWith("503 as expected");
        assertThat(again.step(TourStep.GATEWAY_TO_DEMO_APP).enabledProperty().get())
                .isTrue();

        // Reset forgets the marks, not the platform: the steps read as already true again.
        again.reset();
        await().atMost(WAIT).until(() -> status(again, TourStep.MTLS) == Status.ALREADY_TRUE);
        assertThat(status(again, TourStep.ZERO_TRUST)).isEqualTo(Status.ALREADY_TRUE);
        assertThat(new TourProgressStore(dir.resolve("config")).load("embedded"))
                .isEmpty();
        assertThat(mesh.find(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default")
                        .get(10, TimeUnit.SECONDS))
                .isEmpty();
    }

    @Test
    void marksBelongToTheConnectionTheyWereMadeOn() throws Exception {
        // A mark from an earlier session on the sandbox, whose mesh has mTLS off (the sandbox starts so): the step
        // reads "to do", with a note that it was done once.
        TourProgressStore store = new TourProgressStore(dir.resolve("config"));
        store.done("embedded", TourStep.MTLS, new StepRecord(java.time.Instant.now(), "200 as expected"));
        TourViewModel model = model();
        model.openProperty().set(true);
        await().atMost(WAIT)
                .until(() -> model.step(TourStep.EXPOSE).enabledProperty().get());
        assertThat(status(model, TourStep.MTLS)).isEqualTo(Status.TODO);
        assertThat(model.step(TourStep.MTLS).noteProperty().get())
                .isEqualTo("Done before, but no longer true on this connection.");

        // Another connection, a Kuma with mTLS on: the step is true there, but the sandbox's mark is not its own.
        try (var cp = TestRuntimes.controlPlane(dir.resolve("cp"))) {
            TestRuntimes.kumaWrite(cp.apiUri(), "PUT", "/meshes/default", """
                    type: Mesh
                    name: default
                    mtls:
                      enabledBackend: ca-1
                      backends:
                      - name: ca-1
                        type: builtin
                    """);
            connection
                    .switchTo(TestConnections.remoteKuma("Remote Kuma", cp.apiUri()))
                    .join();
            await().atMost(WAIT)
                    .until(() -> status(model, TourStep.MTLS) == Status.ALREADY_TRUE
                            && status(model, TourStep.EXPOSE) == Status.UNAVAILABLE);
            assertThat(model.summaryProperty().get()).isEqualTo("1 of 7 steps done");
        }
    }
}
