package dev.gatehouse.app.connection;

/** What a connection profile points at. */
public enum ConnectionKind {
    /** Gateway and mesh runtimes started by the console on loopback. */
    EMBEDDED,
    /** A Kong Admin API somewhere else. */
    REMOTE_KONG,
    /** A Kuma control plane somewhere else. */
    REMOTE_KUMA,
    /** A Kubernetes cluster running the Kong Ingress Controller and/or Kuma, reached through a kubeconfig. */
    KUBERNETES
}
