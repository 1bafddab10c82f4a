package dev.gatehouse.app.tour;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntityOwner;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Does one step through the repositories, what its preview shows: on an embedded sandbox, a remote Kong or Kuma and
 * Kubernetes alike. Each step only adds what is missing (a service to the demo is reused, an existing consumer gets
 * the key), so doing a step twice, or after part of it was done through the forms, does no harm.
 */
final class TourActions {

    private final Optional<GatewayRepository> gateway;
    private final Optional<MeshRepository> mesh;

    TourActions(Optional<GatewayRepository> gateway, Optional<MeshRepository> mesh) {
        this.gateway = gateway;
        this.mesh = mesh;
    }

    CompletableFuture<Void> perform(TourStep step, PlatformState state) {
        return switch (step) {
            case EXPOSE -> withGateway(g -> expose(g, state));
            case REQUIRE_KEY ->
                withGateway(g -> g.create(
                                EntityKind.PLUGINS,
                                TourChanges.keyAuth(state.gw()
                                        .routeId()
                                        .orElseThrow(() -> new IllegalStateException("no route to the demo app"))))
                        .thenApply(done -> null));
            case CONSUMER_KEY -> withGateway(this::consumerKey);
            case MTLS ->
                withMesh(m -> m.find(MeshResourceType.MESH, "", TourSeed.MESH)
                        .thenCompose(found -> m.apply(MeshEdit.put(
                                MeshResourceType.MESH,
                                TourChanges.withMtls(found.orElseThrow(
                                        () -> new IllegalStateException("no mesh " + TourSeed.MESH)))))));
            case ZERO_TRUST -> withMesh(m -> deleteAll(m, state.ms().allowAll()));
            case GATEWAY_TO_DEMO_APP ->
                permit(
                        state,
                        state.ms().services().gateway(),
                        state.ms().services().demoApp());
            case DEMO_APP_TO_REDIS ->
                permit(
                        state,
                        state.ms().services().demoApp(),
                        state.ms().services().redis());
        };
    }

    private CompletableFuture<Void> expose(GatewayRepository g, PlatformState state) {
        CompletableFuture<String> serviceId = state.gw()
                .service()
                .map(DemoService::id)
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> g.create(EntityKind.SERVICES, TourChanges.service())
                        .thenApply(s -> s.path("id").asText()));
        return serviceId
                .thenCompose(id ->
                        g.create(new EntityOwner(EntityKind.SERVICES, id), EntityKind.ROUTES, TourChanges.route()))
                .thenApply(done -> null);
    }

    private CompletableFuture<Void> consumerKey(GatewayRepository g) {
        return g.listAll(EntityKind.CONSUMERS)
                .thenCompose(consumers -> consumers.stream()
                        .filter(c -> TourSeed.CONSUMER.equals(c.path("username").asText()))
                        .findFirst()
                        .map(CompletableFuture::completedFuture)
                        .orElseGet(() -> g.create(EntityKind.CONSUMERS, TourChanges.consumer())))
                .thenCompose(consumer -> g.create(
                        new EntityOwner(
                                EntityKind.CONSUMERS, consumer.path("id").asText()),
                        EntityKind.KEY_AUTH_CREDENTIALS,
                        TourChanges.credential()))
                .thenApply(done -> null);
    }

    private static CompletableFuture<Void> deleteAll(MeshRepository m, List<PolicyRef> policies) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (PolicyRef policy : policies) {
            chain = chain.thenCompose(
                    done -> m.apply(MeshEdit.delete(TourChanges.typeOf(policy), TourSeed.MESH, policy.name())));
        }
        return chain;
    }

    private CompletableFuture<Void> permit(PlatformState state, String source, String destination) {
        return withMesh(m -> {
            ObjectNode policy =
                    TourChanges.permission(source, destination, state.ms().meshTrafficPermission());
            return m.apply(MeshEdit.put(TourChanges.permissionType(state.ms().meshTrafficPermission()), policy));
        });
    }

    private CompletableFuture<Void> withGateway(
            java.util.function.Function<GatewayRepository, CompletableFuture<Void>> work) {
        return gateway.map(work)
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("no gateway")));
    }

    private CompletableFuture<Void> withMesh(
            java.util.function.Function<MeshRepository, CompletableFuture<Void>> work) {
        return mesh.map(work).orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("no mesh")));
    }
}
