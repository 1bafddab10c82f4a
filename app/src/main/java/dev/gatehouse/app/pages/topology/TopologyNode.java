package dev.gatehouse.app.pages.topology;

import java.util.List;

/**
 * One vertex: its stable id (positions are saved under it), what it is, its label, the mesh it belongs to ("" for
 * clients, Kong and external hosts), whether that mesh runs mTLS, and its data planes (online state, certificate).
 */
public record TopologyNode(
        String id, NodeKind kind, String label, String mesh, boolean mtls, List<DataplaneInfo> dataplanes) {

    public TopologyNode {
        dataplanes = List.copyOf(dataplanes);
    }

    /** True for a mesh service (the gateway's data plane included), which permissions can connect. */
    public boolean inMesh() {
        return !mesh.isEmpty();
    }

    /** The {@code kuma.io/service} name of a mesh node ("" otherwise). */
    public String service() {
        return inMesh() ? label : "";
    }

    public int instances() {
        return dataplanes.size();
    }

    public int online() {
        return (int) dataplanes.stream().filter(DataplaneInfo::online).count();
    }
}
