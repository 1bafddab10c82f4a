package dev.gatehouse.app.tour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.meshpolicy.lockdown.AllowAllPolicies;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshCapabilities;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import dev.gatehouse.app.routeauth.RouteAuthentication;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Reads the active connection's gateway and mesh, through their repositories only, into a {@link PlatformState}. */
final class TourDetector {

    private final Optional<GatewayRepository> gateway;
    private final Optional<MeshRepository> mesh;

    TourDetector(Optional<GatewayRepository> gateway, Optional<MeshRepository> mesh) {
        this.gateway = gateway;
        this.mesh = mesh;
    }

    CompletableFuture<PlatformState> detect() {
        CompletableFuture<Optional<GatewayFacts>> g = gateway.map(
                        r -> gatewayFacts(r).thenApply(Optional::of))
                .orElse(CompletableFuture.completedFuture(Optional.empty()));
        CompletableFuture<Optional<MeshFacts>> m = mesh.map(r -> meshFacts(r).thenApply(Optional::of))
                .orElse(CompletableFuture.completedFuture(Optional.empty()));
        return g.thenCombine(m, PlatformState::new);
    }

    private CompletableFuture<GatewayFacts> gatewayFacts(GatewayRepository repository) {
        var services = repository.listAll(EntityKind.SERVICES);
        var routes = repository.listAll(EntityKind.ROUTES);
        var plugins = repository.listAll(EntityKind.PLUGINS);
        var consumers = repository.listAll(EntityKind.CONSUMERS);
        var keys = repository.listAll(EntityKind.KEY_AUTH_CREDENTIALS);
        return CompletableFuture.allOf(services, routes, plugins, consumers, keys)
                .thenApply(done ->
                        gatewayFacts(services.join(), routes.join(), plugins.join(), consumers.join(), keys.join()));
    }

    /** The facts from the gateway's entities; pure, so tests can feed it. */
    static GatewayFacts gatewayFacts(
            List<ObjectNode> services,
            List<ObjectNode> routes,
            List<ObjectNode> plugins,
            List<ObjectNode> consumers,
            List<ObjectNode> keys) {
        // A service to the demo app counts whatever its name: the user may have made it through the forms.
        List<DemoService> demoServices = services.stream()
                .filter(s -> s.path("host").asText("").startsWith(TourSeed.DEMO_HOST_PREFIX))
                .map(s -> new DemoService(
                        s.path("id").asText(),
                        s.path("name").asText(s.path("id").asText())))
                .toList();
        Optional<ObjectNode> route = routes.stream()
                .filter(r -> demoServices.stream()
                        .anyMatch(
                                d -> d.id().equals(r.path("service").path("id").asText(""))))
                .findFirst();
        // the route's service, else any service to the demo: step 1 then only adds the route
        Optional<DemoService> service = route.flatMap(r -> demoServices.stream()
                        .filter(d -> d.id().equals(r.path("service").path("id").asText()))
                        .findFirst())
                .or(() -> demoServices.stream().findFirst());
        RouteAuthentication authentication = new RouteAuthentication(plugins);
        Optional<RouteAuthentication.Applied> keyAuth = route.flatMap(r -> authentication.applying(r).stream()
                .filter(a -> a.plugin().equals("key-auth"))
                .findFirst());
        String keyName = keyAuth.map(
                        a -> a.instance().path("config").path("key_names").path(0))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .orElse(TourSeed.KEY_NAME);
        // The seed's own key when it is there, else any consumer's: the check needs one that the gateway knows.
        Optional<ObjectNode> credential = keys.stream()
                .filter(k -> TourSeed.KEY.equals(k.path("key").asText()))
                .findFirst()
                .or(() -> keys.stream()
                        .filter(k -> !k.path("key").asText("").isEmpty())
                        .findFirst());
        Optional<DemoKey> key = credential.map(k -> new DemoKey(
                consumerName(consumers, k.path("consumer").path("id").asText("")),
                k.path("key").asText()));
        return new GatewayFacts(
                service,
                route.map(r -> r.path("id").asText()),
                route.map(r -> r.path("name").asText(r.path("id").asText())),
                keyAuth.isPresent(),
                keyName,
                key);
    }

    private static String consumerName(List<ObjectNode> consumers, String id) {
        return consumers.stream()
                .filter(c -> c.path("id").asText().equals(id))
                .map(c -> c.path("username").asText(c.path("custom_id").asText(id)))
                .findFirst()
                .orElse(id);
    }

    private CompletableFuture<MeshFacts> meshFacts(MeshRepository repository) {
        return repository
                .capabilities()
                .thenCompose(capabilities -> repository
                        .find(MeshResourceType.MESH, "", TourSeed.MESH)
                        .thenCompose(found -> {
                            if (found.isEmpty()) {
                                return CompletableFuture.completedFuture(new MeshFacts(
                                        Optional.empty(),
                                        false,
                                        List.of(),
                                        false,
                                        false,
                                        capabilities.meshTrafficPermission(),
                                        SeedServices.SEED));
                            }
                            ObjectNode meshResource = found.get();
                            var tps = policiesIfServed(repository, capabilities, MeshResourceType.TRAFFIC_PERMISSION);
                            var mtps = policiesIfServed(
                                    repository, capabilities, MeshResourceType.MESH_TRAFFIC_PERMISSION);
                            // The permissions as they would be with mTLS on: one written before mTLS still counts.
                            var matrix = repository.previewMatrix(
                                    TourSeed.MESH,
                                    List.of(MeshEdit.put(MeshResourceType.MESH, TourChanges.withMtls(meshResource))));
                            var dataplanes = repository.dataplanes(TourSeed.MESH);
                            return CompletableFuture.allOf(tps, mtps, matrix, dataplanes)
                                    .thenApply(done -> {
                                        SeedServices names =
                                                SeedServices.in(matrix.join().services(), dataplanes.join());
                                        return new MeshFacts(
                                                Optional.of(meshResource),
                                                !meshResource
                                                        .path("mtls")
                                                        .path("enabledBackend")
                                                        .asText("")
                                                        .isEmpty(),
                                                AllowAllPolicies.of(tps.join(), mtps.join()),
                                                allowedByName(matrix.join(), names.gateway(), names.demoApp()),
                                                allowedByName(matrix.join(), names.demoApp(), names.redis()),
                                                capabilities.meshTrafficPermission(),
                                                names);
                                    });
                        }));
    }

    /** Allowed by a policy that names the pair, not by an allow-all. */
    private static boolean allowedByName(PermissionMatrix matrix, String source, String destination) {
        return matrix.pair(source, destination)
                .map(a -> a.access() == ServiceAccess.Access.ALLOWED)
                .orElse(false);
    }

    private static CompletableFuture<List<ObjectNode>> policiesIfServed(
            MeshRepository repository, MeshCapabilities capabilities, MeshResourceType type) {
        boolean served =
                capabilities.resourceTypes().stream().anyMatch(t -> t.name().equals(type.name()));
        return served ? repository.policies(TourSeed.MESH, type) : CompletableFuture.completedFuture(List.of());
    }
}
