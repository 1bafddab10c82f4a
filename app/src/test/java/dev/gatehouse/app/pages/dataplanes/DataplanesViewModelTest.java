package dev.gatehouse.app.pages.dataplanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.http.ApiEndpoint;
import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageLink;
import dev.gatehouse.app.repository.mesh.DataplanePermissions;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.testing.TestConnections;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Data planes page over the sandbox's real control plane: the seed's three data planes with their services,
 * online state (from the insights' subscriptions) and certificates, the policies that apply to an inbound
 * (inspection), the filter and mesh choice, and the link to the graph.
 */
class DataplanesViewModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private InProcessPlatform sandbox;
    private ActiveConnection connection;
    private KumaClient kuma;
    private final List<PageLink> links = new ArrayList<>();
    private DataplanesViewModel model;

    @BeforeEach
    void start() {
        sandbox = TestConnections.sandbox(dir);
        connection = TestConnections.connected(dir, ConnectionProfile.embedded(), sandbox);
        kuma = new KumaClient(new ApiTransport(
                ApiEndpoint.of(connection.apis().mesh().orElseThrow().address()),
                Duration.ofSeconds(3),
                Duration.ofSeconds(30)));
        model = new DataplanesViewModel(
                new Messages(Locale.ROOT), connection, page -> {}, links::add, UiExecutor.DIRECT, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        kuma.close();
        connection.close();
        sandbox.close();
    }

    private DataplaneRow row(String name) {
        return model.items().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Until the page shows the three seed data planes online (they register as the sandbox starts them). */
    private void awaitSeed() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            model.reload();
            assertThat(model.items())
                    .filteredOn(DataplaneRow::online)
                    .extracting(DataplaneRow::name)
                    .contains("gateway", "demo-app-1", "redis-1");
        });
    }

    @Test
    void listsTheSeedsDataPlanesWithTheirServicesAndOnlineState() throws Exception {
        awaitSeed();
        assertThat(model.meshes()).containsExactly("default");
        DataplaneRow gateway = row("gateway");
        assertThat(gateway.services()).containsExactly("gateway");
        assertThat(gateway.isGateway()).isTrue();
        assertThat(gateway.outbounds()).singleElement().asString().startsWith("demo-app :");
        assertThat(gateway.inbounds()).isEmpty();
        DataplaneRow demo = row("demo-app-1");
        assertThat(demo.services()).containsExactly("demo-app");
        assertThat(demo.address()).isEqualTo("127.0.0.1");
        assertThat(demo.inbounds()).singleElement().satisfies(in -> {
            assertThat(in.service()).isEqualTo("demo-app");
            assertThat(in.protocol()).isEqualTo("tcp");
        });
        assertThat(model.kindWord(demo)).isEqualTo("Sidecar");
        assertThat(model.kindWord(gateway)).isEqualTo("Gateway");
        assertThat(model.kindDetail(gateway)).isEqualTo("Gateway (delegated)");
        assertThat(row("redis-1").services()).containsExactly("redis");
        // mTLS is off in the seed: no certificate was issued.
        assertThat(demo.certificate()).isEmpty();
        assertThat(model.certificateText(demo)).isEqualTo("None");

        // A data plane registered without a proxy behind it has no subscription: offline.
        kuma.put("/meshes/default/dataplanes/web-1", (ObjectNode) JSON.readTree("""
                        {"type":"Dataplane","mesh":"default","name":"web-1",
                         "networking":{"address":"10.0.0.7","inbound":[{"port":8080,"servicePort":18080,
                           "tags":{"kuma.io/service":"web","kuma.io/protocol":"http"}}]}}"""))
                .join();
        model.follow(Capability.MESH);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() ->
                        assertThat(model.items()).extracting(DataplaneRow::name).contains("web-1"));
        DataplaneRow web = row("web-1");
        assertThat(web.online()).isFalse();
        assertThat(model.statusWord(web)).isEqualTo("Offline");
        assertThat(web.inbounds().get(0).text()).isEqualTo("8080 \u2192 18080 web (http)");
        assertThat(web.inbounds().get(0).ports()).isEqualTo("8080 \u2192 18080");

        model.filterProperty().set("offline");
        assertThat(model.filtered()).extracting(DataplaneRow::name).containsExactly("web-1");
        model.filterProperty().set("redis");
        // redis-1 offers it, demo-app-1 calls it.
        assertThat(model.filtered()).extracting(DataplaneRow::name).containsExactlyInAnyOrder("redis-1", "demo-app-1");
    }

    private static ObjectNode mtlsOn() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"type":"Mesh","name":"default",
                 "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}}""");
    }

    @Test
    void theSelectedDataPlaneShowsThePoliciesOfItsInboundAndLeadsToItsNodeOnTheGraph() throws Exception {
        awaitSeed();
        model.selectedProperty().set(row("demo-app-1"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> model.permissionsProperty().get() != null);
        DataplanePermissions permissions = model.permissionsProperty().get();
        assertThat(permissions.dataplane()).isEqualTo("demo-app-1");
        // mTLS is off in the seed: nothing is enforced, so no policy decides the inbound.
        assertThat(permissions.mtlsEnabled()).isFalse();
        assertThat(permissions.inbounds()).singleElement().satisfies(in -> {
            assertThat(in.tags()).containsEntry("kuma.io/service", "demo-app");
            assertThat(in.mode()).isEqualTo("MTLS_OFF");
        });

        // With mTLS on, the seed's allow-all decides it, and the data plane gets a certificate (24 h, Kuma's default).
        kuma.put("/meshes/default", mtlsOn()).join();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            model.follow(Capability.MESH);
            assertThat(model.permissionsProperty().get().inbounds())
                    .singleElement()
                    .satisfies(in -> assertThat(in.policies())
                            .contains(new PolicyRef("TrafficPermission", "allow-all-default")));
            assertThat(model.selectedProperty().get().certificate()).isPresent();
        });
        assertThat(model.permissionsProperty().get().mtlsEnabled()).isTrue();
        assertThat(model.permissionsErrorProperty().get()).isEmpty();
        assertThat(model.certificateText(model.selectedProperty().get())).matches("Expires in 2[34] h \\d+ min");
        assertThat(model.selectedProperty().get().certificate().get().backend()).isEqualTo("ca-1");

        model.showOnGraph(model.selectedProperty().get());
        assertThat(links).containsExactly(new PageLink(new PageId("topology"), "service:demo-app"));
    }

    /**
     * A reload that changes the selected row (here: its certificate arrives) keeps the same data plane selected and its
     * policies shown. It used to drop both for a moment, and a reader in between (the details pane, this class's
     * previous test) saw no policies: that test failed now and then with a NullPointerException.
     */
    @Test
    void aReloadThatChangesTheSelectedRowKeepsItSelectedAndItsPoliciesShown() throws Exception {
        awaitSeed();
        model.selectedProperty().set(row("demo-app-1"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> model.permissionsProperty().get() != null);
        List<String> lost = new java.util.concurrent.CopyOnWriteArrayList<>();
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                lost.add("selection");
            }
        });
        model.permissionsProperty().addListener((obs, old, now) -> {
            if (now == null) {
                lost.add("policies");
            }
        });

        kuma.put("/meshes/default", mtlsOn()).join();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            model.follow(Capability.MESH);
            assertThat(row("demo-app-1").certificate()).isPresent();
            assertThat(model.selectedProperty().get().certificate()).isPresent();
        });
        assertThat(lost).isEmpty();
        assertThat(model.selectedProperty().get().name()).isEqualTo("demo-app-1");
    }

    @Test
    void aLinkSelectsItsDataPlaneAndTheMeshChoiceNarrowsTheTable() throws Exception {
        kuma.put("/meshes/other", (ObjectNode) JSON.readTree("{\"type\":\"Mesh\",\"name\":\"other\"}"))
                .join();
        kuma.put("/meshes/other/dataplanes/lonely", (ObjectNode) JSON.readTree("""
                        {"type":"Dataplane","mesh":"other","name":"lonely",
                         "networking":{"address":"10.0.0.9","inbound":[{"port":9000,
                           "tags":{"kuma.io/service":"lonely"}}]}}"""))
                .join();
        model.filterProperty().set("nothing-matches-this");
        // The palette opens the page on a data plane by name: it is selected, whatever the filter said.
        model.show("redis-1");
        awaitSeed();
        assertThat(model.selectedProperty().get())
                .extracting(DataplaneRow::name)
                .isEqualTo("redis-1");
        assertThat(model.filterProperty().get()).isEmpty();

        assertThat(model.meshes()).containsExactly("default", "other");
        model.meshProperty().set("other");
        assertThat(model.filtered()).extracting(DataplaneRow::name).containsExactly("lonely");
        // The selection is in another mesh now, so nothing is selected.
        assertThat(model.selectedProperty().get()).isNull();
        assertThat(Optional.ofNullable(model.permissionsProperty().get())).isEmpty();
    }
}
