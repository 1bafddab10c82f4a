package dev.gatehouse.mesh.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.manager.PreparedPut;
import dev.gatehouse.mesh.manager.PutOutcome;
import dev.gatehouse.mesh.manager.ResourceManager;
import dev.gatehouse.mesh.manager.TitledValidationException;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.ResourceTypeRegistry;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import dev.gatehouse.mesh.validation.ValidationException;
import dev.gatehouse.mesh.validation.Violation;
import java.util.List;
import java.util.Map;

/** GET list/item, PUT and DELETE for every resource type (pkg/api-server/resource_endpoints.go @v2.14.3). */
public final class ResourceEndpoints {
    /**
     * Kuma's read-only answer to PUT and DELETE: {@code methodNotAllowed(readOnlyMessage())} of
     * pkg/api-server/resource_endpoints.go @v2.14.3 with the message of a control plane that is neither global nor
     * zone ({@code k8sReadOnlyMessage}, trailing newline included).
     */
    static final ApiError READ_ONLY = new ApiError(
            405,
            "Method not allowed",
            "On Kubernetes you cannot change the state of Kuma resources with 'kumactl apply' or via the HTTP API."
                    + " As a best practice, you should always be using 'kubectl apply' instead."
                    + " You can still use 'kumactl' or the HTTP API to make read-only operations. On Universal this"
                    + " limitation does not apply.\n");

    private final ResourceManager resources;
    private final boolean readOnly;

    public ResourceEndpoints(ResourceManager resources, boolean readOnly) {
        this.resources = resources;
        this.readOnly = readOnly;
    }

    public ApiResponse list(ApiRequest req, ResourceTypeDescriptor type, String mesh) {
        String title = "Could not retrieve resources";
        List<Resource> all = guarded(() -> resources.list(type, mesh), "Failed to retrieve Mesh");
        String nameContains = req.param("name");
        List<ObjectNode> items = all.stream()
                .filter(r -> nameContains == null || r.name().contains(nameContains))
                .map(ResourceCodec::toRest)
                .toList();
        return ApiResponse.json(Pagination.page(req, items, title));
    }

    public ApiResponse get(ResourceTypeDescriptor type, String mesh, String name) {
        Resource r = guarded(() -> resources.get(type, mesh, name), "Could not retrieve a resource");
        return ApiResponse.json(ResourceCodec.toRest(r));
    }

    public ApiResponse put(ApiRequest req, ResourceTypeDescriptor type, String mesh, String name) {
        if (readOnly) {
            throw READ_ONLY;
        }
        String title = "Could not process a resource";
        PreparedPut prepared = guarded(() -> resources.prepare(type, mesh, name, req.body()), title);
        // The whole answer is settled before the commit: once the change is stored, nothing is left that can fail.
        ObjectNode body = ResourceCodec.JSON.createObjectNode();
        List<String> warnings = type.deprecations(prepared.resource());
        if (!warnings.isEmpty()) {
            warnings.forEach(body.putArray("warnings")::add);
        }
        ApiResponse answer = ApiResponse.json(200, body);
        PutOutcome outcome = guarded(() -> resources.commit(prepared), title);
        return outcome.created() ? answer.withStatus(201) : answer;
    }

    /**
     * {@code POST /_validate}, a Gatehouse extension (Kuma's API has no dry run; kumactl apply checks only the meta
     * before writing): validates the Universal resource in the body, its type read from {@code type}, as a PUT to its
     * own path would, and stores nothing. 200 with any deprecation warnings, or the PUT's 400 with
     * {@code invalid_parameters}. A Kuma answers 404 here, so clients must not assume it.
     */
    public ApiResponse validate(ApiRequest req, ResourceTypeRegistry types) {
        String title = "Could not process a resource";
        ObjectNode body = ResourceCodec.JSON.createObjectNode();
        Resource valid = guarded(
                () -> {
                    JsonNode node = ResourceCodec.parseBody(req.body(), MeshType.DESCRIPTOR);
                    String typeName = ResourceCodec.typeOf(node);
                    ResourceTypeDescriptor type = types.byName(typeName == null ? "" : typeName)
                            .orElseThrow(() -> new TitledValidationException(
                                    title,
                                    new ValidationException(List.of(new Violation(
                                            "type",
                                            typeName == null ? "cannot be empty" : "unknown type " + typeName)))));
                    return resources.validate(type, node);
                },
                title);
        List<String> warnings = valid.type().deprecations(valid);
        if (!warnings.isEmpty()) {
            warnings.forEach(body.putArray("warnings")::add);
        }
        return ApiResponse.json(200, body);
    }

    public ApiResponse delete(ResourceTypeDescriptor type, String mesh, String name) {
        if (readOnly) {
            throw READ_ONLY;
        }
        guarded(
                () -> {
                    resources.delete(type, mesh, name);
                    return null;
                },
                "Could not delete a resource");
        return ApiResponse.json(200, ResourceCodec.JSON.createObjectNode());
    }

    /** Runs {@code work}, giving Kuma's step title to any failure that has none of its own. */
    static <T> T guarded(java.util.function.Supplier<T> work, String title) {
        try {
            return work.get();
        } catch (ApiError e) {
            throw e;
        } catch (RuntimeException e) {
            throw KumaErrors.toError(e, title);
        }
    }

    static Map<String, String> tagFilters(List<String> raw) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String t : raw) {
            int colon = t.indexOf(':');
            if (colon > 0) {
                out.put(t.substring(0, colon), t.substring(colon + 1));
            } else {
                out.put(t, "");
            }
        }
        return out;
    }
}
