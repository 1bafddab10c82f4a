package dev.gatehouse.app.connection;

/** What "Test connection" found for each API of a profile (UNKNOWN for an API the profile does not have). */
public record ConnectionTestResult(EndpointHealth gateway, EndpointHealth mesh) {}
