package dev.gatehouse.app.meshpolicy.lockdown;

import dev.gatehouse.app.repository.mesh.ServiceAccess;

/**
 * An observed pair the replay finds denied, its access as the engine computed it, and why in words.
 *
 * @param lost whether traffic that passes today would fail because of the lock-down (false for a pair denied today
 *     already, and for traffic into the delegated gateway, which no mesh permission guards)
 */
public record DeniedPair(ObservedPair pair, ServiceAccess access, String explanation, boolean lost) {}
