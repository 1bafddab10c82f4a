package dev.gatehouse.app.connection;

import java.net.URI;
import java.util.Optional;

/**
 * A saved way to reach a gateway and/or a mesh. For the embedded sandbox the endpoints are absent here: they are
 * known only once the embedded runtimes have started (on ports picked at start).
 */
public record ConnectionProfile(
        String id,
        String name,
        ConnectionKind kind,
        Optional<EndpointSettings> gateway,
        Optional<URI> gatewayProxy,
        Optional<EndpointSettings> mesh,
        Optional<ClusterSettings> cluster) {

    /** A profile that reaches no cluster (embedded, remote Kong or Kuma). */
    public ConnectionProfile(
            String id,
            String name,
            ConnectionKind kind,
            Optional<EndpointSettings> gateway,
            Optional<URI> gatewayProxy,
            Optional<EndpointSettings> mesh) {
        this(id, name, kind, gateway, gatewayProxy, mesh, Optional.empty());
    }

    /** Id of the built-in embedded profile. */
    public static final String EMBEDDED_ID = "embedded";

    public static ConnectionProfile embedded() {
        return new ConnectionProfile(
                EMBEDDED_ID,
                "Embedded sandbox",
                ConnectionKind.EMBEDDED,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public boolean isEmbedded() {
        return kind == ConnectionKind.EMBEDDED;
    }

    /** Secret-store key of this profile's gateway token. */
    public String gatewayTokenKey() {
        return id + "/gateway";
    }

    /** Secret-store key of this profile's pasted kubeconfig. */
    public String kubeconfigKey() {
        return id + "/kubeconfig";
    }

    /** Secret-store key of this profile's mesh token. */
    public String meshTokenKey() {
        return id + "/mesh";
    }
}
