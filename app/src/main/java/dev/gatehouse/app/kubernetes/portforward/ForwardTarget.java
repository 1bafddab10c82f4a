package dev.gatehouse.app.kubernetes.portforward;

/** What one port-forward reaches: a Service's port, what answers there ({@code purpose}), and whether it is TLS. */
public record ForwardTarget(String purpose, String namespace, String service, int servicePort, boolean tls) {

    /** {@code kong/kong-gateway-admin:8444}. */
    public String describe() {
        return namespace + "/" + service + ":" + servicePort;
    }
}
