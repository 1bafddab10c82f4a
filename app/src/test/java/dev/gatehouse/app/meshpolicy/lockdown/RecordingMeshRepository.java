package dev.gatehouse.app.meshpolicy.lockdown;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.DataplanePermissions;
import dev.gatehouse.app.repository.mesh.MeshCapabilities;
import dev.gatehouse.app.repository.mesh.MeshChange;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshNode;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.MeshWatch;
import dev.gatehouse.app.repository.mesh.PermissionDecision;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A real mesh repository with a log of the writes and inspections that go through it, in order; the inspection can
 * be replaced (a control plane without it, a data plane that never gets the policy).
 */
final class RecordingMeshRepository implements MeshRepository {

    final List<String> log = new CopyOnWriteArrayList<>();
    private final MeshRepository real;
    private volatile BiFunction<String, String, CompletableFuture<DataplanePermissions>> inspection;
    private volatile Function<DataplanePermissions, CompletableFuture<?>> onInspected =
            answer -> CompletableFuture.completedFuture(null);

    RecordingMeshRepository(MeshRepository real) {
        this.real = real;
        this.inspection = real::permissions;
    }

    void inspection(BiFunction<String, String, CompletableFuture<DataplanePermissions>> answer) {
        inspection = answer;
    }

    /** Runs on every inspection answer before the caller sees it (never block: it runs on the client's I/O thread). */
    void onInspected(Function<DataplanePermissions, CompletableFuture<?>> check) {
        onInspected = check;
    }

    @Override
    public URI address() {
        return real.address();
    }

    @Override
    public CompletableFuture<MeshNode> node() {
        return real.node();
    }

    @Override
    public CompletableFuture<List<ObjectNode>> meshes() {
        return real.meshes();
    }

    @Override
    public CompletableFuture<List<ObjectNode>> dataplanes(String mesh) {
        return real.dataplanes(mesh);
    }

    @Override
    public CompletableFuture<List<ObjectNode>> policies(String mesh, MeshResourceType type) {
        return real.policies(mesh, type);
    }

    @Override
    public CompletableFuture<Optional<ObjectNode>> find(MeshResourceType type, String mesh, String name) {
        return real.find(type, mesh, name);
    }

    @Override
    public CompletableFuture<Void> apply(MeshEdit edit) {
        log.add(edit.kind() + " " + edit.type().name() + " " + edit.name());
        return real.apply(edit);
    }

    @Override
    public CompletableFuture<MeshCapabilities> capabilities() {
        return real.capabilities();
    }

    @Override
    public CompletableFuture<PermissionMatrix> permissionMatrix(String mesh) {
        return real.permissionMatrix(mesh);
    }

    @Override
    public CompletableFuture<PermissionMatrix> previewMatrix(String mesh, List<MeshEdit> edits) {
        return real.previewMatrix(mesh, edits);
    }

    @Override
    public CompletableFuture<DataplanePermissions> permissions(String mesh, String dataplane) {
        log.add("INSPECT " + dataplane);
        return inspection
                .apply(mesh, dataplane)
                .thenCompose(answer -> onInspected.apply(answer).thenApply(checked -> answer));
    }

    @Override
    public CompletableFuture<PermissionDecision> decide(String mesh, String source, String destination) {
        return real.decide(mesh, source, destination);
    }

    @Override
    public MeshWatch watch(
            Set<MeshResourceType> types, String mesh, Consumer<MeshChange> onChange, Consumer<Throwable> onEnd) {
        return real.watch(types, mesh, onChange, onEnd);
    }
}
