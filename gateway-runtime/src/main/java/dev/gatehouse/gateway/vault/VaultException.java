package dev.gatehouse.gateway.vault;

/** A reference that cannot be resolved, with Kong's reason. */
public final class VaultException extends RuntimeException {

    public VaultException(String message) {
        super(message, null, false, false);
    }
}
