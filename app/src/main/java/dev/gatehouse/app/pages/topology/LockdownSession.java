package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.meshpolicy.EditHistory;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The Topology page's lock-down side panel: whether it is open, and the lock-down model of the active connection's
 * mesh, made anew with each connection around that connection's one edit history (the graph's), so the panel's
 * undo and the graph's undo move the same history. Closing the panel drops a proposal not applied.
 */
public final class LockdownSession {

    /** Makes the lock-down model of one connection's mesh, applying and undoing through {@code history}. */
    @FunctionalInterface
    public interface Factory {

        LockdownViewModel create(MeshRepository mesh, EditHistory history);
    }

    private final ReadOnlyObjectWrapper<LockdownViewModel> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final BooleanProperty open = new SimpleBooleanProperty(this, "open");

    LockdownSession(GraphEditing editing, Supplier<Optional<MeshRepository>> mesh, Optional<Factory> factory) {
        Runnable make = () -> {
            EditHistory history = editing.historyProperty().get();
            current.set(factory.flatMap(
                            f -> mesh.get().filter(repo -> history != null).map(repo -> f.create(repo, history)))
                    .orElse(null));
        };
        editing.historyProperty().addListener((obs, old, now) -> make.run());
        make.run();
        open.addListener((obs, was, now) -> {
            if (!now && current.get() != null) {
                current.get().discardProposal();
            }
        });
    }

    /** The lock-down of the connection's mesh; null without a mesh (or where the page offers none). */
    public ReadOnlyObjectProperty<LockdownViewModel> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Whether the panel is shown (in place of the editing panel). */
    public BooleanProperty openProperty() {
        return open;
    }
}
