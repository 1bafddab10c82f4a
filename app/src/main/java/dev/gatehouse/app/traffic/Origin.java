package dev.gatehouse.app.traffic;

/** Who reported a traffic event: the gateway (one client request) or a mesh data plane (one hop). */
public enum Origin {
    /** Kong's log serializer: one request through the gateway. */
    GATEWAY,
    /** A MeshAccessLog record: one connection or request seen by a data plane. */
    MESH
}
