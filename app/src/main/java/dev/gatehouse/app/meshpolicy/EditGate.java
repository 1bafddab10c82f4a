package dev.gatehouse.app.meshpolicy;

import dev.gatehouse.app.repository.mesh.MeshEdit;
import java.util.concurrent.CompletableFuture;

/** What an edit of a change waits for before it is applied; a failure stops the change (and rolls it back). */
@FunctionalInterface
public interface EditGate {

    /** Lets every edit through at once. */
    EditGate OPEN = (index, edit) -> CompletableFuture.completedFuture(null);

    /** Completes when edit number {@code index} (from 0) of the change may be applied. */
    CompletableFuture<Void> before(int index, MeshEdit edit);
}
