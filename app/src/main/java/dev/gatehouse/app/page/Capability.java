package dev.gatehouse.app.page;

/** What a connection offers the pages: an answering gateway, an answering mesh control plane. */
public enum Capability {
    GATEWAY,
    MESH
}
