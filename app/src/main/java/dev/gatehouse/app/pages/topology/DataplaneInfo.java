package dev.gatehouse.app.pages.topology;

import java.util.Optional;

/** One data plane behind a mesh node: its name, address, whether it is online, and when its mTLS certificate expires. */
public record DataplaneInfo(String name, String address, boolean online, Optional<String> certificateExpiry) {}
