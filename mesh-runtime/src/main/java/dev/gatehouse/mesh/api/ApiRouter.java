package dev.gatehouse.mesh.api;

import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.ResourceTypeRegistry;
import java.util.List;
import java.util.Optional;

/** Maps a request to its endpoint; unknown paths and methods answer like go-restful (404 / 405 plain text). */
public final class ApiRouter {
    private final IndexEndpoints index;
    private final ResourceEndpoints resources;
    private final InsightEndpoints insights;
    private final InspectionEndpoints inspection;
    private final IdentityEndpoints identity;
    private final ResourceTypeRegistry types;

    public ApiRouter(
            ResourceTypeRegistry types,
            IndexEndpoints index,
            ResourceEndpoints resources,
            InsightEndpoints insights,
            InspectionEndpoints inspection,
            IdentityEndpoints identity) {
        this.types = types;
        this.index = index;
        this.resources = resources;
        this.insights = insights;
        this.inspection = inspection;
        this.identity = identity;
    }

    private static final ApiResponse NOT_FOUND = ApiResponse.text(404, "404: Page Not Found");
    private static final ApiResponse METHOD_NOT_ALLOWED = ApiResponse.text(405, "405: Method Not Allowed");

    public ApiResponse route(ApiRequest req) {
        try {
            return dispatch(req);
        } catch (ApiError e) {
            return KumaErrors.response(e);
        }
    }

    private ApiResponse dispatch(ApiRequest req) {
        List<String> s = req.segments();
        String m = req.method();
        if (s.isEmpty()) {
            return get(m, index::index);
        }
        if (s.size() == 1) {
            switch (s.get(0)) {
                case "_resources":
                    return get(m, index::resourceTypes);
                case "policies":
                    return get(m, index::policyTypes);
                case "_validate":
                    return m.equals("POST") ? resources.validate(req, types) : METHOD_NOT_ALLOWED;
                case "global-insight":
                    return get(m, insights::globalInsight);
                default:
                    // A global type's list, or every mesh's items of a mesh-scoped type (Kuma's cross-mesh list).
                    Optional<ResourceTypeDescriptor> t = types.byWsPath(s.get(0));
                    return t.map(type -> get(m, () -> resources.list(req, type, type.meshScoped() ? null : "")))
                            .orElse(NOT_FOUND);
            }
        }
        if (s.size() == 2 && s.get(0).equals("tokens") && s.get(1).equals("dataplane")) {
            return m.equals("POST") ? identity.issueToken(req) : METHOD_NOT_ALLOWED;
        }
        if (s.size() == 2) {
            // /meshes/{name} is the Mesh type's item, like any global type's /{path}/{name}.
            return types.byWsPath(s.get(0))
                    .filter(t -> !t.meshScoped())
                    .map(t -> item(req, t, "", s.get(1)))
                    .orElse(NOT_FOUND);
        }
        if (!s.get(0).equals("meshes")) {
            return NOT_FOUND;
        }
        String mesh = s.get(1);
        String kind = s.get(2);
        if (s.size() == 3) {
            return switch (kind) {
                case "_snapshot" -> get(m, () -> index.snapshot(mesh));
                case "_permissions" -> get(m, () -> inspection.servicePair(req, mesh));
                case "_permission-matrix" -> get(m, () -> inspection.matrix(mesh));
                case "dataplanes+insights" -> get(m, () -> insights.overviews(req, mesh));
                case "service-insights" -> get(m, () -> insights.serviceInsights(req, mesh));
                default ->
                    meshScoped(kind)
                            .map(t -> get(m, () -> resources.list(req, t, mesh)))
                            .orElse(NOT_FOUND);
            };
        }
        String name = s.get(3);
        if (s.size() == 4) {
            if (kind.equals("dataplanes") && name.equals("_overview")) {
                return get(m, () -> insights.overviews(req, mesh));
            }
            return switch (kind) {
                case "dataplanes+insights" -> get(m, () -> insights.overview(mesh, name));
                case "service-insights" -> get(m, () -> insights.serviceInsight(mesh, name));
                default -> meshScoped(kind).map(t -> item(req, t, mesh, name)).orElse(NOT_FOUND);
            };
        }
        if (s.size() == 5 && kind.equals("dataplanes")) {
            return switch (s.get(4)) {
                case "_overview" -> get(m, () -> insights.overview(mesh, name));
                case "_permissions" -> get(m, () -> inspection.dataplane(mesh, name));
                case "_identity" -> get(m, () -> identity.identity(req, mesh, name));
                default -> NOT_FOUND;
            };
        }
        return NOT_FOUND;
    }

    private Optional<ResourceTypeDescriptor> meshScoped(String path) {
        return types.byWsPath(path).filter(ResourceTypeDescriptor::meshScoped);
    }

    private ApiResponse item(ApiRequest req, ResourceTypeDescriptor type, String mesh, String name) {
        return switch (req.method()) {
            case "GET" -> resources.get(type, mesh, name);
            case "PUT" -> resources.put(req, type, mesh, name);
            case "DELETE" -> resources.delete(type, mesh, name);
            default -> METHOD_NOT_ALLOWED;
        };
    }

    private static ApiResponse get(String method, java.util.function.Supplier<ApiResponse> handler) {
        return method.equals("GET") || method.equals("HEAD") ? handler.get() : METHOD_NOT_ALLOWED;
    }
}
