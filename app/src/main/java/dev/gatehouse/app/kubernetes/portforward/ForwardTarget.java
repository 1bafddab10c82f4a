package dev.gatehouse.app.kubernetes.portforward;

/**
 * What one port-forward reaches: a Service's port, what answers there ({@code purpose}) and for which side of the
 * console ({@code serves}), and whether it is TLS.
 */
public record ForwardTarget(
        Serves serves, String purpose, String namespace, String service, int servicePort, boolean tls) {

    /** The side of the console a forward serves, so pages show the ones they depend on. */
    public enum Serves {
        GATEWAY,
        MESH
    }

    /** {@code kong/kong-gateway-admin:8444}. */
    public String describe() {
        return namespace + "/" + service + ":" + servicePort;
    }
}
