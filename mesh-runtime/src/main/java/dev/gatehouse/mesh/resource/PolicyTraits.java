package dev.gatehouse.mesh.resource;

/**
 * How a policy type selects what it applies to: the policy fields of Kuma's {@code ResourceTypeDescriptor}
 * ({@code IsTargetRefBased}, {@code HasFromTargetRef}, {@code HasToTargetRef}, {@code HasRulesTargetRef},
 * {@code IsFromAsRules}) and whether its spec is one item ({@code PolicyWithSingleItem}: a top-level {@code default}).
 */
public record PolicyTraits(
        boolean targetRefBased,
        boolean hasFromTargetRef,
        boolean hasToTargetRef,
        boolean hasRulesTargetRef,
        boolean isFromAsRules,
        boolean singleItem) {

    /** A legacy (selector-based) policy such as TrafficPermission. */
    public static PolicyTraits legacy() {
        return new PolicyTraits(false, false, false, false, false, false);
    }
}
