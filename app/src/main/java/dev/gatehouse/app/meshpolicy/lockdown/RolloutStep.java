package dev.gatehouse.app.meshpolicy.lockdown;

/** The steps of a lock-down's safe order, as the applier reaches them (the panel says each in words). */
public enum RolloutStep {
    /** The new permissions are being created. */
    CREATING,
    /** The permissions exist; waiting until the data planes have them. */
    WAITING,
    /** The data planes have them; allow-all is being removed. */
    REMOVING
}
