package dev.gatehouse.app.repository.mesh;

import java.util.Optional;

/**
 * Whether service {@code source} may reach service {@code destination}: the access, the policy that decides it
 * (none when nothing matched or mTLS is off) and the matching rule in words ({@code from MeshSubset
 * kuma.io/service=web: Allow}).
 */
public record ServiceAccess(String source, String destination, Access access, Optional<PolicyRef> policy, String rule) {

    /** The effective permission of a pair. */
    public enum Access {
        /** A policy that names these services (or a subset holding them) allows it. */
        ALLOWED,
        /** Only a policy that allows every client to every service allows it: zero trust is off. */
        ALLOWED_BY_ALLOW_ALL,
        /** Denied: a policy denies it, or nothing allows it while mTLS is on. */
        DENIED,
        /** mTLS is off in the mesh, so nothing is enforced and every connection passes. */
        NOT_ENFORCED;

        public boolean allowed() {
            return this != DENIED;
        }
    }

    public boolean allowed() {
        return access.allowed();
    }
}
