package dev.gatehouse.app.meshpolicy;

import java.util.Optional;

/**
 * What "deny {@code source} → {@code destination}" can do: the change to apply (checked with the preview matrix), or
 * none, and the sentence that says why. A plain MeshTrafficPermission {@code Deny} for the destination is not always
 * right: where a TrafficPermission governs the destination, an MTP takes its inbound over and denies every other
 * client too; where an allow of the same targetRef kind decides the pair, the policies merge by name and the deny
 * may lose.
 */
public record DenyPlan(String source, String destination, Optional<RemovalPlan.Option> deny, String sentence) {}
