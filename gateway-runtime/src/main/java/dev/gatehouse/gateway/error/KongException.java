package dev.gatehouse.gateway.error;

/** Carries a {@link KongError} out of a DAO operation; the Admin API turns it into the response. */
public final class KongException extends RuntimeException {

    private final transient KongError error;

    public KongException(KongError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public KongError error() {
        return error;
    }
}
