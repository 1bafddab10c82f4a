package dev.gatehouse.app.repository.gateway;

/**
 * The kinds of gateway entity the console manages. Entities themselves are Kong-shaped JSON objects (the Admin
 * API's and decK's format) whatever the backend; how a kind is reached (Admin API path, Kubernetes resource) is the
 * repository implementation's business.
 */
public enum EntityKind {
    SERVICES,
    ROUTES,
    CONSUMERS,
    PLUGINS,
    /** A consumer's key-auth keys (Kong's {@code keyauth_credentials}). */
    KEY_AUTH_CREDENTIALS,
    /** A consumer's ACL groups (Kong's {@code acls}). */
    ACL_GROUPS,
    /** Load-balancing pools of targets (Kong's {@code upstreams}). */
    UPSTREAMS,
    /** An upstream's targets: host:port and weight (Kong's {@code targets}, reached through their upstream). */
    TARGETS,
    /** TLS certificates with their private keys (Kong's {@code certificates}). */
    CERTIFICATES,
    /** Server names a certificate answers for (Kong's {@code snis}). */
    SNIS,
    /** Trusted CA certificates, without keys (Kong's {@code ca_certificates}). */
    CA_CERTIFICATES
}
