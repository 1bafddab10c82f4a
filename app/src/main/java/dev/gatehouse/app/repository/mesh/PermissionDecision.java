package dev.gatehouse.app.repository.mesh;

import java.util.Optional;

/**
 * The answer to "may {@code source} reach {@code destination}?": the verdict, the policy that decided it (none when
 * nothing matched), and the control plane's reason in words.
 */
public record PermissionDecision(
        String source,
        String destination,
        boolean allowed,
        String verdict,
        Optional<PolicyRef> policy,
        String reason) {}
