package dev.gatehouse.app.traffic.remote;

import java.time.Instant;

/**
 * One thing a remote watch added to a gateway or a control plane, written down before it is added so that a console
 * that crashed can remove it on its next start.
 *
 * @param kind         what was added
 * @param connectionId the saved connection it was added through
 * @param id           the http-log plugin's id, or the MeshAccessLog's name
 * @param mesh         the MeshAccessLog's mesh; "" for a plugin
 * @param scope        in words, e.g. "globally" or "on service demo"
 * @param addedAt      when it was added
 */
public record LedgerEntry(Kind kind, String connectionId, String id, String mesh, String scope, Instant addedAt) {

    /** What was added. */
    public enum Kind {
        /** Kong's http-log plugin. */
        HTTP_LOG_PLUGIN,
        /** Kuma's MeshAccessLog policy. */
        MESH_ACCESS_LOG
    }

    /** True when {@code other} names the same added thing. */
    public boolean sameTarget(LedgerEntry other) {
        return kind == other.kind
                && connectionId.equals(other.connectionId)
                && id.equals(other.id)
                && mesh.equals(other.mesh);
    }
}
