package dev.gatehouse.app.pages.topology;

/** What a vertex of the topology stands for. */
public enum NodeKind {
    /** A consumer of the gateway's APIs. */
    CLIENT,
    /** Callers without credentials. */
    ANONYMOUS,
    /** The Kong node, or the mesh's delegated gateway data plane. */
    GATEWAY,
    /** A mesh service (the data planes sharing one {@code kuma.io/service} tag). */
    SERVICE,
    /** An upstream the gateway reaches outside the mesh. */
    EXTERNAL
}
