package dev.gatehouse.mesh.manager;

import dev.gatehouse.mesh.resource.Resource;

/** Result of a PUT: the stored resource and whether it was created (201) or updated (200). */
public record PutOutcome(Resource resource, boolean created) {}
