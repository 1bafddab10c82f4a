package dev.gatehouse.app.repository.mesh;

/** A policy named by its type and name, as inspection answers name the policy behind a verdict. */
public record PolicyRef(String type, String name) {}
