package dev.gatehouse.app.pages.topology;

/** North-south edges carry requests through the gateway; east-west edges are permissions between mesh services. */
public enum EdgeKind {
    NORTH_SOUTH,
    EAST_WEST
}
