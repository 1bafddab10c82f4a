package dev.gatehouse.app.pages.overview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageLink;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.pages.entities.NaturalOrder;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.pages.routes.RoutesPage;
import dev.gatehouse.app.pages.routes.RoutesViewModel;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayNode;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.routeauth.RouteAuthentication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Overview: what the active connection's gateway holds, which routes nothing protects, and whether each mesh
 * runs mTLS without an allow-all left behind (the two halves of "secure the platform end to end").
 */
public final class OverviewViewModel extends PageViewModel {

    private final UiTasks tasks;
    private final Consumer<PageLink> links;
    private final StringProperty gatewayVersion = new SimpleStringProperty(this, "gatewayVersion", "");
    private final IntegerProperty services = new SimpleIntegerProperty(this, "services", -1);
    private final IntegerProperty routes = new SimpleIntegerProperty(this, "routes", -1);
    private final IntegerProperty consumers = new SimpleIntegerProperty(this, "consumers", -1);
    private final IntegerProperty plugins = new SimpleIntegerProperty(this, "plugins", -1);
    private final ObservableList<ObjectNode> unprotectedRoutes = FXCollections.observableArrayList();
    private final ObservableList<MeshPosture> meshes = FXCollections.observableArrayList();
    private final StringProperty gatewayError = new SimpleStringProperty(this, "gatewayError", "");
    private final StringProperty meshError = new SimpleStringProperty(this, "meshError", "");

    public OverviewViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            Consumer<PageLink> links,
            UiExecutor ui) {
        super(OverviewPage.DESCRIPTOR, messages, connection, navigator);
        this.tasks = new UiTasks(ui);
        this.links = links;
        connection.apisProperty().addListener((obs, old, now) -> {
            // Counts still on their way are the connection's just left.
            tasks.dropPending();
            clear();
            if (now != null) {
                activated();
            }
        });
    }

    public StringProperty gatewayVersionProperty() {
        return gatewayVersion;
    }

    public IntegerProperty servicesProperty() {
        return services;
    }

    public IntegerProperty routesProperty() {
        return routes;
    }

    public IntegerProperty consumersProperty() {
        return consumers;
    }

    public IntegerProperty pluginsProperty() {
        return plugins;
    }

    /** Routes that no enabled authentication plugin covers (route, its service, or global): anyone may call them. */
    public ObservableList<ObjectNode> unprotectedRoutes() {
        return unprotectedRoutes;
    }

    public ObservableList<MeshPosture> meshes() {
        return meshes;
    }

    public StringProperty gatewayErrorProperty() {
        return gatewayError;
    }

    public StringProperty meshErrorProperty() {
        return meshError;
    }

    /** Command: open the Routes page showing only the routes nothing protects (from the list of them). */
    public void openUnprotectedRoutes() {
        links.accept(new PageLink(RoutesPage.ID, RoutesViewModel.UNPROTECTED));
    }

    @Override
    public void activated() {
        ConnectedApis apis = connection().apis();
        if (apis == null) {
            return;
        }
        apis.gateway().ifPresent(this::loadGateway);
        apis.mesh().ifPresent(this::loadMesh);
    }

    /** Reloads the half that may have changed; what is shown stays until the new answer replaces it. */
    @Override
    public void follow(Capability runtime) {
        ConnectedApis apis = connection().apis();
        if (apis == null) {
            return;
        }
        if (runtime == Capability.GATEWAY) {
            apis.gateway().ifPresent(this::loadGateway);
        } else if (runtime == Capability.MESH) {
            apis.mesh().ifPresent(this::loadMesh);
        }
    }

    private void loadGateway(GatewayRepository gateway) {
        tasks.run(
                "gateway",
                () -> {
                    CompletableFuture<GatewayNode> node = gateway.node();
                    CompletableFuture<List<ObjectNode>> s = gateway.listAll(EntityKind.SERVICES);
                    CompletableFuture<List<ObjectNode>> r = gateway.listAll(EntityKind.ROUTES);
                    CompletableFuture<List<ObjectNode>> c = gateway.listAll(EntityKind.CONSUMERS);
                    CompletableFuture<List<ObjectNode>> p = gateway.listAll(EntityKind.PLUGINS);
                    return CompletableFuture.allOf(node, s, r, c, p)
                            .thenApply(done -> new GatewaySummary(node.join(), s.join(), r.join(), c.join(), p.join()));
                },
                this::show,
                failure -> gatewayError.set(Failures.sentence(messages(), failure)));
    }

    /** What the gateway card shows, fetched together. */
    private record GatewaySummary(
            GatewayNode node,
            List<ObjectNode> services,
            List<ObjectNode> routes,
            List<ObjectNode> consumers,
            List<ObjectNode> plugins) {}

    private void show(GatewaySummary summary) {
        gatewayError.set("");
        gatewayVersion.set(summary.node().product() + " " + summary.node().version());
        services.set(summary.services().size());
        routes.set(summary.routes().size());
        consumers.set(summary.consumers().size());
        plugins.set(summary.plugins().size());
        // The rule the Routes page flags by, so the count here is what "Open Routes" then lists.
        RouteAuthentication authentication = new RouteAuthentication(summary.plugins());
        List<ObjectNode> open = summary.routes().stream()
                .filter(authentication::isAnonymous)
                .sorted(java.util.Comparator.comparing(Rows::label, NaturalOrder.INSTANCE))
                .toList();
        if (!unprotectedRoutes.equals(open)) {
            unprotectedRoutes.setAll(open);
        }
    }

    private void loadMesh(MeshRepository mesh) {
        tasks.run(
                "mesh",
                () -> mesh.meshes().thenCompose(list -> {
                    List<CompletableFuture<MeshPosture>> postures = new ArrayList<>();
                    for (ObjectNode one : list) {
                        String name = one.path("name").asText();
                        postures.add(mesh.policies(name, MeshResourceType.TRAFFIC_PERMISSION)
                                .thenCombine(
                                        mesh.policies(name, MeshResourceType.MESH_TRAFFIC_PERMISSION),
                                        (tps, mtps) -> MeshPosture.of(one, tps, mtps)));
                    }
                    return CompletableFuture.allOf(postures.toArray(CompletableFuture[]::new))
                            .thenApply(done -> postures.stream()
                                    .map(CompletableFuture::join)
                                    .toList());
                }),
                list -> {
                    meshError.set("");
                    if (!meshes.equals(list)) {
                        meshes.setAll(list);
                    }
                },
                failure -> meshError.set(Failures.sentence(messages(), failure)));
    }

    private void clear() {
        gatewayVersion.set("");
        services.set(-1);
        routes.set(-1);
        consumers.set(-1);
        plugins.set(-1);
        unprotectedRoutes.clear();
        meshes.clear();
        gatewayError.set("");
        meshError.set("");
    }
}
