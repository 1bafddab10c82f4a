package dev.gatehouse.app.repository.gateway;

/**
 * Who answers for the gateway: the product ("Kong", "Kong Enterprise", "Gatehouse gateway"), its version, and
 * the tagline of Kong's root document, which tells a Kong-compatible API from anything else.
 */
public record GatewayNode(String product, String version, String tagline) {}
