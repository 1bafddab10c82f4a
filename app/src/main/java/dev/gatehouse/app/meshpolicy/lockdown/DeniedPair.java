package dev.gatehouse.app.meshpolicy.lockdown;

import dev.gatehouse.app.repository.mesh.ServiceAccess;

/** An observed pair the replay finds denied, its access as the engine computed it, and why in words. */
public record DeniedPair(ObservedPair pair, ServiceAccess access, String explanation) {}
