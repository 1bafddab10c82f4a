package dev.gatehouse.app.repository.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The service mesh as the console's pages see it: meshes, data planes with their insights, policies of any type,
 * permission inspection and what-if, and change notifications. Resources are Kuma Universal JSON objects. Failures
 * are {@link MeshException} when the control plane refused, or a connection problem when it could not be reached.
 * Today's implementation speaks the Kuma REST API; a Kubernetes connection implements the same interface over
 * Kuma's custom resources (as Kuma's own ResourceStore has a memory and a Kubernetes backend).
 */
public interface MeshRepository {

    /** The mesh name that watches every mesh. */
    String ALL_MESHES = "";

    /** Where the control plane is reached, for sentences such as "Mesh control plane at …". */
    URI address();

    /** Who answers, and its version. */
    CompletableFuture<MeshNode> node();

    CompletableFuture<List<ObjectNode>> meshes();

    /** The data planes of {@code mesh} with their insights (online state, certificate), Kuma's overviews. */
    CompletableFuture<List<ObjectNode>> dataplanes(String mesh);

    /** Every policy of {@code type} in {@code mesh}. */
    CompletableFuture<List<ObjectNode>> policies(String mesh, MeshResourceType type);

    /** One resource of {@code type}; empty when the control plane has none of that name (404). */
    CompletableFuture<Optional<ObjectNode>> find(MeshResourceType type, String mesh, String name);

    /** Applies one edit (Kuma's {@code PUT} or {@code DELETE}); refusals carry the field errors of the control plane. */
    CompletableFuture<Void> apply(MeshEdit edit);

    /**
     * Validates {@code resource} (Universal JSON with {@code type}, {@code mesh}, {@code name}) as a PUT of it would,
     * storing nothing. Completes true when the control plane checked it, false when it offers no such check (Kuma has
     * no dry run: then only its PUT will tell); fails with {@link MeshException} naming the invalid fields.
     */
    default CompletableFuture<Boolean> validate(ObjectNode resource) {
        return CompletableFuture.completedFuture(false);
    }

    /** Whether the control plane takes writes, and the resource and policy types it serves. */
    CompletableFuture<MeshCapabilities> capabilities();

    /**
     * The effective permission of every ordered pair of services in {@code mesh}: from the control plane's
     * inspection when it offers it, else computed by the console from the fetched policies (the source says which).
     */
    CompletableFuture<PermissionMatrix> permissionMatrix(String mesh);

    /**
     * The matrix {@code mesh} would have after {@code edits}, computed by the console's permission engine over the
     * current Mesh, data planes and permission policies with the edits applied; nothing is written.
     */
    CompletableFuture<PermissionMatrix> previewMatrix(String mesh, List<MeshEdit> edits);

    /** For each inbound of one data plane: the policies that govern it and the verdict for each client. */
    CompletableFuture<DataplanePermissions> permissions(String mesh, String dataplane);

    /** What-if: would a connection from service {@code source} to service {@code destination} be allowed, and why. */
    CompletableFuture<PermissionDecision> decide(String mesh, String source, String destination);

    /**
     * Tells {@code onChange} about every change to resources of {@code types} in {@code mesh} ({@link #ALL_MESHES}
     * for all) from now on, on a thread of the repository's; {@code onEnd} hears why the stream ended unless it was
     * closed: a {@link MeshException} when the control plane answered without a stream (it offers none).
     */
    MeshWatch watch(Set<MeshResourceType> types, String mesh, Consumer<MeshChange> onChange, Consumer<Throwable> onEnd);
}
