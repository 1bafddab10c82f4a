package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** One kind of Kong entity over its Kubernetes objects: read as Kong entities, and written back. */
interface KindMapping {

    /** Every entity of the kind, Kong-shaped, {@code id} being the object's uid. */
    List<ObjectNode> list(Snapshot snapshot);

    /** The fields besides {@code id} that {@code get} finds an entity by (Kong's endpoint keys). */
    List<String> identities();

    /** Creates the objects for {@code entity}; answers the uid the entity will be known by. */
    String create(Snapshot snapshot, ObjectNode entity);

    /** Writes {@code merged} (the entity as read, with the caller's changes) over {@code current}. */
    void update(Snapshot snapshot, ObjectNode current, ObjectNode merged);

    /** Deletes the entity, and what Kong deletes with it (its plugins, a consumer's credentials). */
    void delete(Snapshot snapshot, ObjectNode current);

    default Optional<ObjectNode> find(Snapshot snapshot, String idOrName) {
        return list(snapshot).stream()
                .filter(e -> idOrName.equals(e.path("id").asText())
                        || identities().stream()
                                .anyMatch(f -> e.hasNonNull(f)
                                        && idOrName.equals(e.get(f).asText())))
                .findFirst();
    }
}
