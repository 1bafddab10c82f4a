package dev.gatehouse.app.meshpolicy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The fields of a Kuma resource that the control plane sets itself (Kuma's REST meta: {@code creationTime},
 * {@code modificationTime}): they are dropped before a fetched resource is put back, and ignored when two versions
 * of a resource are compared.
 */
final class ServerManagedFields {

    private static final List<String> FIELDS = List.of("creationTime", "modificationTime");

    private ServerManagedFields() {}

    /** A copy of {@code resource} without the fields the control plane manages. */
    static ObjectNode strip(ObjectNode resource) {
        ObjectNode copy = resource.deepCopy();
        copy.remove(FIELDS);
        return copy;
    }

    /** Whether two versions hold the same content, whatever their timestamps. */
    static boolean sameContent(ObjectNode a, ObjectNode b) {
        return strip(a).equals(strip(b));
    }
}
