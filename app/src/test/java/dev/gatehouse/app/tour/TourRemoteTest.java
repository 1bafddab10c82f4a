package dev.gatehouse.app.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.testing.ManualUiScheduler;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.app.tour.TourStepModel.Status;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.mesh.RunningControlPlane;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour on remote connections, which hold one side only: a Kuma control plane (the mesh steps are done and, with
 * no proxy to send through, checked by reading the configuration; the gateway steps say why they cannot run and do
 * not block), and a Kong Admin API with its proxy but without the demo behind it (the route is created, and the
 * live check says honestly that the answer is not the seed's).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TourRemoteTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private ActiveConnection connection;
    private RunningControlPlane cp;
    private RunningGateway gateway;

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        if (cp != null) {
            cp.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private TourViewModel model(ConnectionProfile profile) {
        connection = TestConnections.connected(dir, profile);
        TourViewModel model = new TourViewModel(
                messages,
                connection,
                new TourProgressStore(dir.resolve("config")),
                Runnable::run,
                UiExecutor.DIRECT,
                new ManualUiScheduler(),
                Duration.ofSeconds(3),
                Clock.systemUTC());
        model.openProperty().set(true);
        return model;
    }

    private static Status status(TourViewModel model, TourStep step) {
        return model.step(step).statusProperty().get();
    }

    private static void doStep(TourViewModel model, TourStep step) {
        // the model's answers arrive on the repositories' threads here: wait until the step may be done
        await().atMost(WAIT).until(() -> model.step(step).enabledProperty().get());
        model.perform(step);
        await().atMost(WAIT)
                .until(() -> !model.busyProperty().get()
                        && status(model, step) != Status.WORKING
                        && status(model, step) != Status.TODO);
    }

    @Test
    void aKumaAloneGetsTheMeshStepsCheckedByReadingItsConfiguration() throws Exception {
        cp = TestRuntimes.controlPlane(dir.resolve("cp"));
        URI api = cp.apiUri();
        TestRuntimes.kumaWrite(api, "PUT", "/meshes/default", "type: Mesh\nname: default\n");
        for (String dataplane : new String[] {
            "type: Dataplane\nmesh: default\nname: redis-1\nnetworking:\n  address: 127.0.0.1\n  inbound:\n"
                    + "  - port: 16379\n    servicePort: 6379\n    tags:\n      kuma.io/service: redis\n",
            "type: Dataplane\nmesh: default\nname: demo-app-1\nnetworking:\n  address: 127.0.0.1\n  inbound:\n"
                    + "  - port: 15000\n    servicePort: 5000\n    tags:\n      kuma.io/service: demo-app\n"
                    + "  outbound:\n  - port: 16380\n    tags:\n      kuma.io/service: redis\n",
            "type: Dataplane\nmesh: default\nname: gateway\nnetworking:\n  address: 127.0.0.1\n  gateway:\n"
                    + "    type: DELEGATED\n    tags:\n      kuma.io/service: gateway\n"
                    + "  outbound:\n  - port: 15001\n    tags:\n      kuma.io/service: demo-app\n"
        }) {
            String name = dataplane.substring(dataplane.indexOf("name: ") + 6, dataplane.indexOf("\nnetworking"));
            TestRuntimes.kumaWrite(api, "PUT", "/meshes/default/dataplanes/" + name, dataplane);
        }
        ConnectionProfile profile = TestConnections.remoteKuma("Remote Kuma", api);
        TourViewModel model = model(profile);
        await().atMost(WAIT)
                .until(() -> model.step(TourStep.MTLS).enabledProperty().get());
        for (TourStep step : new TourStep[] {TourStep.EXPOSE, TourStep.REQUIRE_KEY, TourStep.CONSUMER_KEY}) {
            assertThat(status(model, step)).isEqualTo(Status.UNAVAILABLE);
            assertThat(model.step(step).noteProperty().get()).isEqualTo("This connection has no gateway.");
        }

        for (TourStep step : new TourStep[] {
            TourStep.MTLS, TourStep.ZERO_TRUST, TourStep.GATEWAY_TO_DEMO_APP, TourStep.DEMO_APP_TO_REDIS
        }) {
            doStep(model, step);
            assertThat(status(model, step))
                    .as(step.id() + " " + model.step(step).noteProperty().get())
                    .isEqualTo(Status.DONE);
            assertThat(model.step(step).checkProperty().get())
                    .isEqualTo("Done. No proxy address on this connection, so it was checked by reading the "
                            + "configuration only.");
        }
        assertThat(model.summaryProperty().get()).isEqualTo("4 of 7 steps done");
        MeshRepository mesh = connection.apis().mesh().orElseThrow();
        assertThat(mesh.find(MeshResourceType.MESH_TRAFFIC_PERMISSION, "default", "allow-gateway-to-demo-app")
                        .get(10, TimeUnit.SECONDS))
                .isPresent();
        assertThat(mesh.decide("default", "demo-app", "redis")
                        .get(10, TimeUnit.SECONDS)
                        .allowed())
                .isTrue();
        assertThat(mesh.decide("default", "redis", "demo-app")
                        .get(10, TimeUnit.SECONDS)
                        .allowed())
                .isFalse();
        assertThat(new TourProgressStore(dir.resolve("config")).load(profile.id()))
                .containsOnlyKeys(
                        TourStep.MTLS, TourStep.ZERO_TRUST, TourStep.GATEWAY_TO_DEMO_APP, TourStep.DEMO_APP_TO_REDIS);
    }

    @Test
    void aKongWithoutTheDemoGetsItsRouteButTheCheckSaysTheAnswerIsNotTheSeeds() throws Exception {
        gateway = TestRuntimes.gateway(dir.resolve("gw"));
        TourViewModel model = model(TestConnections.remoteKong(
                "Remote Kong", URI.create(gateway.adminUrl()), Optional.of(URI.create(gateway.proxyUrl()))));
        await().atMost(WAIT)
                .until(() -> model.step(TourStep.EXPOSE).enabledProperty().get());
        assertThat(status(model, TourStep.MTLS)).isEqualTo(Status.UNAVAILABLE);
        assertThat(model.step(TourStep.MTLS).noteProperty().get()).isEqualTo("This connection has no mesh.");

        doStep(model, TourStep.EXPOSE);

        assertThat(connection
                        .apis()
                        .gateway()
                        .orElseThrow()
                        .listAll(EntityKind.ROUTES)
                        .get(10, TimeUnit.SECONDS))
                .extracting(r -> r.path("name").asText())
                .containsExactly("kuma-demo-rt");
        assertThat(status(model, TourStep.EXPOSE)).isEqualTo(Status.FAILED);
        // demo-app.mesh resolves nowhere here: the gateway answers 5xx, and the step says so instead of passing
        assertThat(model.step(TourStep.EXPOSE).checkProperty().get())
                .matches("5\\d\\d, where the seed expects 200: the demo answers through the gateway.*");
        assertThat(model.step(TourStep.REQUIRE_KEY).enabledProperty().get()).isFalse();
        assertThat(model.step(TourStep.EXPOSE).checkableProperty().get()).isTrue();
    }
}
