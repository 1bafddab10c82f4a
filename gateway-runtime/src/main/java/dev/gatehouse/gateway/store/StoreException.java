package dev.gatehouse.gateway.store;

/** The store could not be opened or could not commit. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
