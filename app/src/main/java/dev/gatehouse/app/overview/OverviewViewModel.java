package dev.gatehouse.app.overview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.gateway.Failures;
import dev.gatehouse.app.gateway.KeyAuthCoverage;
import dev.gatehouse.app.gateway.Rows;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.kong.KongEntity;
import dev.gatehouse.app.kong.KongPaths;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.page.Page;
import dev.gatehouse.app.page.PageViewModel;
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

    private final UiExecutor ui;
    private final StringProperty gatewayVersion = new SimpleStringProperty(this, "gatewayVersion", "");
    private final IntegerProperty services = new SimpleIntegerProperty(this, "services", -1);
    private final IntegerProperty routes = new SimpleIntegerProperty(this, "routes", -1);
    private final IntegerProperty consumers = new SimpleIntegerProperty(this, "consumers", -1);
    private final IntegerProperty plugins = new SimpleIntegerProperty(this, "plugins", -1);
    private final ObservableList<ObjectNode> unprotectedRoutes = FXCollections.observableArrayList();
    private final ObservableList<MeshPosture> meshes = FXCollections.observableArrayList();
    private final StringProperty gatewayError = new SimpleStringProperty(this, "gatewayError", "");
    private final StringProperty meshError = new SimpleStringProperty(this, "meshError", "");

    public OverviewViewModel(Messages messages, ActiveConnection connection, Consumer<Page> navigator,
                             UiExecutor ui) {
        super(Page.OVERVIEW, messages, connection, navigator);
        this.ui = ui;
        connection.apisProperty().addListener((obs, old, now) -> {
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

    /** Routes that no enabled key-auth plugin covers (route, its service, or global). */
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

    /** Command: open the Routes page (from the list of unprotected routes). */
    public void openRoutes() {
        navigate(Page.ROUTES);
    }

    @Override
    public void activated() {
        ConnectedApis apis = connection().apis();
        if (apis == null) {
            return;
        }
        apis.kong().ifPresent(this::loadGateway);
        apis.kuma().ifPresent(this::loadMesh);
    }

    private void loadGateway(KongAdminClient kong) {
        CompletableFuture<KongAdminClient.NodeInfo> node = kong.node();
        CompletableFuture<List<ObjectNode>> s = kong.listAll(KongPaths.collection(KongEntity.SERVICES));
        CompletableFuture<List<ObjectNode>> r = kong.listAll(KongPaths.collection(KongEntity.ROUTES));
        CompletableFuture<List<ObjectNode>> c = kong.listAll(KongPaths.collection(KongEntity.CONSUMERS));
        CompletableFuture<List<ObjectNode>> p = kong.listAll(KongPaths.collection(KongEntity.PLUGINS));
        CompletableFuture.allOf(node, s, r, c, p).whenComplete((ok, failure) -> ui.execute(() -> {
            if (failure != null) {
                gatewayError.set(Failures.sentence(messages(), failure));
                return;
            }
            gatewayError.set("");
            gatewayVersion.set(node.join().product() + " " + node.join().root().path("version").asText());
            services.set(s.join().size());
            routes.set(r.join().size());
            consumers.set(c.join().size());
            plugins.set(p.join().size());
            KeyAuthCoverage coverage = new KeyAuthCoverage(p.join());
            unprotectedRoutes.setAll(r.join().stream().filter(route -> !coverage.isProtected(route))
                    .sorted(java.util.Comparator.comparing(Rows::label)).toList());
        }));
    }

    private void loadMesh(KumaClient kuma) {
        kuma.meshes().thenCompose(list -> {
            List<CompletableFuture<MeshPosture>> postures = new ArrayList<>();
            for (ObjectNode mesh : list) {
                String name = mesh.path("name").asText();
                postures.add(kuma.trafficPermissions(name).thenCombine(kuma.meshTrafficPermissions(name),
                        (tps, mtps) -> MeshPosture.of(mesh, tps, mtps)));
            }
            return CompletableFuture.allOf(postures.toArray(CompletableFuture[]::new))
                    .thenApply(done -> postures.stream().map(CompletableFuture::join).toList());
        }).whenComplete((list, failure) -> ui.execute(() -> {
            if (failure != null) {
                meshError.set(Failures.sentence(messages(), failure));
                return;
            }
            meshError.set("");
            meshes.setAll(list);
        }));
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
