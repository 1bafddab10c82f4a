package dev.gatehouse.mesh.watch;

import java.util.Set;

/**
 * What a subscriber wants: resource types (Kuma names; empty = all), one mesh (null = all) and, for a data plane's
 * own stream, the dataplane it is (identity events go only there).
 */
public record WatchFilter(Set<String> types, String mesh, String dataplane) {
    public WatchFilter {
        types = Set.copyOf(types);
    }

    public boolean accepts(WatchEvent e) {
        if (mesh != null && !mesh.isEmpty() && !e.mesh().isEmpty() && !mesh.equals(e.mesh())) {
            return false;
        }
        if (e.dataplane() != null) {
            return e.dataplane().equals(dataplane);
        }
        // A Mesh change matters to every watcher of that mesh (mTLS on/off changes enforcement).
        return types.isEmpty() || types.contains(e.type()) || "Mesh".equals(e.type());
    }
}
