package dev.gatehouse.gateway.proxy;

/**
 * The credential that authenticated a request (Kong's {@code kong.client.get_credential()}): its id and its
 * consumer's id, which is what the log serializer prints as {@code authenticated_entity}.
 */
public record Credential(String id, String consumerId) {}
