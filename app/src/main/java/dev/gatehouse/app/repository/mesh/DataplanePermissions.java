package dev.gatehouse.app.repository.mesh;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The permissions of one data plane, inbound by inbound, and whether mTLS (which enforces them) is on. */
public record DataplanePermissions(String mesh, String dataplane, boolean mtlsEnabled, List<Inbound> inbounds) {

    /** One inbound: its tags, the policy family that governs it, the matched policies, rules and client verdicts. */
    public record Inbound(
            int port,
            Map<String, String> tags,
            String mode,
            List<PolicyRef> policies,
            List<Rule> rules,
            List<ClientVerdict> clients) {}

    /** One ordered from-rule: clients with these tags get this action, because of this policy. */
    public record Rule(Map<String, String> from, String action, PolicyRef policy) {}

    /** What clients with these tags get, and from which policy (none when nothing matched). */
    public record ClientVerdict(
            Map<String, String> tags, String verdict, boolean allowed, Optional<PolicyRef> policy) {}
}
