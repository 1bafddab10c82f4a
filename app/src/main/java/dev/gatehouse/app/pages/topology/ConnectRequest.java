package dev.gatehouse.app.pages.topology;

/**
 * The user asked, by dragging from one mesh service to another or by picking both from lists, that {@code source}
 * may reach {@code destination} in {@code mesh}; the policy editor turns it into a permission draft.
 */
public record ConnectRequest(String mesh, String source, String destination) {}
