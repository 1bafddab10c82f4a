package dev.gatehouse.mesh.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.insight.InsightViews;
import dev.gatehouse.mesh.manager.NotFoundException;
import dev.gatehouse.mesh.manager.ResourceManager;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.dataplane.DataplaneSpec;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.store.MeshStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Read-only insight paths: {@code dataplanes+insights} and {@code dataplanes/_overview} (with Kuma's {@code tag},
 * {@code gateway} and {@code name} filters), {@code service-insights} and {@code global-insight}.
 */
public final class InsightEndpoints {
    private final MeshStore store;
    private final ResourceManager resources;
    private final InsightViews views;
    private final Clock clock;

    public InsightEndpoints(MeshStore store, ResourceManager resources, InsightViews views, Clock clock) {
        this.store = store;
        this.resources = resources;
        this.views = views;
        this.clock = clock;
    }

    public ApiResponse overviews(ApiRequest req, String mesh) {
        List<Resource> dps = ResourceEndpoints.guarded(
                () -> resources.list(DataplaneType.DESCRIPTOR, mesh), "Failed to retrieve Mesh");
        Map<String, String> tags = ResourceEndpoints.tagFilters(req.params("tag"));
        String gateway = req.param("gateway");
        String name = req.param("name");
        List<ObjectNode> items = dps.stream()
                .filter(dp -> name == null || dp.name().contains(name))
                .filter(dp -> matchesTags(DataplaneSpec.of(dp), tags))
                .filter(dp -> matchesGateway(DataplaneSpec.of(dp), gateway))
                .map(views::overview)
                .toList();
        return ApiResponse.json(Pagination.page(req, items, "Could not retrieve resources"));
    }

    public ApiResponse overview(String mesh, String name) {
        Resource dp = ResourceEndpoints.guarded(
                () -> resources.get(DataplaneType.DESCRIPTOR, mesh, name), "Could not retrieve a resource");
        return ApiResponse.json(views.overview(dp));
    }

    /** Kuma's tag filter matches values by substring ({@code MatchTagsFuzzy}) on inbound or gateway tags. */
    private static boolean matchesTags(DataplaneSpec dp, Map<String, String> filter) {
        if (filter.isEmpty()) {
            return true;
        }
        List<Map<String, String>> tagSets = new java.util.ArrayList<>();
        dp.gateway().ifPresent(g -> tagSets.add(g.tagsOrEmpty()));
        dp.net().inbounds().forEach(i -> tagSets.add(i.tagsOrEmpty()));
        return tagSets.stream()
                .anyMatch(tags -> filter.entrySet().stream().allMatch(f -> {
                    String v = tags.get(f.getKey());
                    return v != null && (f.getValue().equals("*") || v.contains(f.getValue()));
                }));
    }

    private static boolean matchesGateway(DataplaneSpec dp, String gateway) {
        if (gateway == null || gateway.isEmpty()) {
            return true;
        }
        return switch (gateway) {
            case "true" -> dp.gateway().isPresent();
            case "false" -> dp.gateway().isEmpty();
            case "delegated" -> dp.gateway().map(g -> !g.builtin()).orElse(false);
            case "builtin" -> dp.gateway().map(DataplaneSpec.Gateway::builtin).orElse(false);
            default ->
                throw new ApiError(
                        400,
                        "Could not retrieve resources",
                        "gateway filter must be one of true, false, delegated, builtin");
        };
    }

    public ApiResponse serviceInsights(ApiRequest req, String mesh) {
        ResourceEndpoints.guarded(
                () -> {
                    resources.requireMesh(DataplaneType.DESCRIPTOR, mesh);
                    return null;
                },
                "Failed to retrieve Mesh");
        String type = req.param("type");
        String name = req.param("name");
        List<ObjectNode> items = views.serviceInsights(store.snapshot(), mesh).stream()
                .filter(s -> type == null
                        || type.isEmpty()
                        || s.path("serviceType").asText().equals(type))
                .filter(s -> name == null || s.path("name").asText().contains(name))
                .toList();
        return ApiResponse.json(Pagination.page(req, items, "Could not retrieve resources"));
    }

    public ApiResponse serviceInsight(String mesh, String name) {
        ResourceEndpoints.guarded(
                () -> {
                    resources.requireMesh(DataplaneType.DESCRIPTOR, mesh);
                    return null;
                },
                "Failed to retrieve Mesh");
        return views.serviceInsights(store.snapshot(), mesh).stream()
                .filter(s -> s.path("name").asText().equals(name))
                .findFirst()
                .map(ApiResponse::json)
                .orElseThrow(() -> KumaErrors.toError(new NotFoundException("Could not retrieve a resource"), ""));
    }

    public ApiResponse globalInsight() {
        return ApiResponse.json(views.globalInsight(store.snapshot(), clock.instant()));
    }
}
