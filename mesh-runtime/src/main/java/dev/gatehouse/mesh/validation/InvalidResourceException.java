package dev.gatehouse.mesh.validation;

/** The body could not be decoded at all (Kuma's {@code rest.InvalidResourceError}: 400 "Bad Request"). */
public final class InvalidResourceException extends RuntimeException {
    public InvalidResourceException(String message) {
        super(message);
    }
}
