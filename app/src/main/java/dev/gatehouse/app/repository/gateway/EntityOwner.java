package dev.gatehouse.app.repository.gateway;

/** An entity that others belong to: a service's routes, a consumer's credentials. */
public record EntityOwner(EntityKind kind, String id) {}
