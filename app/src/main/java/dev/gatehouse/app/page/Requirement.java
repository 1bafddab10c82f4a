package dev.gatehouse.app.page;

/** Which runtime a page needs before it can show anything. */
public enum Requirement {
    /** Works without any runtime. */
    NONE,
    /** Needs a Kong-compatible Admin API. */
    GATEWAY,
    /** Needs a Kuma-compatible control plane. */
    MESH,
    /** Needs at least one of the two. */
    ANY
}
