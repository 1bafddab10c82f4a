package dev.gatehouse.app.repository.mesh;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The permissions of one data plane, inbound by inbound, and whether mTLS (which enforces them) is on;
 * {@code inspected} when the control plane reported them (what it gave the data plane), false when the console
 * computed them from the policies (a Kubernetes connection without the control plane's API): then they say what the
 * data plane should get, not what it has.
 */
public record DataplanePermissions(
        String mesh, String dataplane, boolean mtlsEnabled, List<Inbound> inbounds, boolean inspected) {

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
