package dev.gatehouse.app.repository.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
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
