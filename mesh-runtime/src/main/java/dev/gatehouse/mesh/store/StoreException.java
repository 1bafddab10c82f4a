package dev.gatehouse.mesh.store;

/** The store could not read or write (I/O or SQLite failure). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
