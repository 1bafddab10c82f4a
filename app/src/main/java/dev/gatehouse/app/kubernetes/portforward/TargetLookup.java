package dev.gatehouse.app.kubernetes.portforward;

import java.util.Optional;

/** A forward's target found in the cluster, or a sentence saying what was looked for and where. */
public record TargetLookup(Optional<ForwardTarget> target, String looked) {}
