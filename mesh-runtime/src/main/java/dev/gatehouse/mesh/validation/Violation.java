package dev.gatehouse.mesh.validation;

/** One validation failure: Kuma's {@code validators.Violation} (field path and message). */
public record Violation(String field, String message) {}
