package dev.gatehouse.mesh.dataplane;

/** A data plane could not start or talk to its control plane; the message says why (never with secrets). */
public final class DataplaneException extends RuntimeException {
    public DataplaneException(String message) {
        super(message);
    }

    public DataplaneException(String message, Throwable cause) {
        super(message, cause);
    }
}
