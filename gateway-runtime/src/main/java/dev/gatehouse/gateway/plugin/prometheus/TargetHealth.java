package dev.gatehouse.gateway.plugin.prometheus;

/**
 * One target address of an upstream and its state, as {@code upstream_target_health} labels it: {@code healthy},
 * {@code unhealthy}, {@code healthchecks_off} or {@code dns_error} (then {@code address} is empty).
 */
public record TargetHealth(String upstream, String target, String address, String state) {}
