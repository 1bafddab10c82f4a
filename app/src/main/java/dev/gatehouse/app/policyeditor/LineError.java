package dev.gatehouse.app.policyeditor;

/** A problem shown at a line of the YAML (1-based): a parse error, or a field the control plane refused. */
public record LineError(int line, String message) {}
