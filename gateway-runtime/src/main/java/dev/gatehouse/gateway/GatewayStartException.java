package dev.gatehouse.gateway;

/** The gateway could not start (bad store, invalid declarative file, port in use...). */
public class GatewayStartException extends RuntimeException {
    public GatewayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
