package dev.gatehouse.mesh;

import dev.gatehouse.mesh.api.AdminToken;
import dev.gatehouse.mesh.api.ApiTlsConfig;
import dev.gatehouse.mesh.resource.ResourceTypeRegistry;
import dev.gatehouse.mesh.resource.registry.BuiltinResourceTypes;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How to run the control plane.
 *
 * @param apiListen             REST API address (Kuma's default is 5681; port 0 picks a free port)
 * @param dataDir               directory of the SQLite store (created 0700)
 * @param createDefaultAllowAll create {@code allow-all-<mesh>} with every new mesh (Kuma ≤2.5 behaviour)
 * @param readOnly              refuse PUT/DELETE with 405, like {@code KUMA_API_SERVER_READ_ONLY=true}
 * @param clock                 time source for certificates and timestamps (tests inject their own)
 * @param rotationCheckInterval how often issued certificates are checked for rotation
 * @param adminToken            bearer token that makes a caller admin, or null (see {@code ApiAccess})
 * @param apiTls                HTTPS listener requiring admin client certificates, or null
 * @param resourceTypes         the resource types served (Kuma's type registry)
 */
public record ControlPlaneConfig(
        InetSocketAddress apiListen,
        Path dataDir,
        boolean createDefaultAllowAll,
        boolean readOnly,
        Clock clock,
        Duration rotationCheckInterval,
        AdminToken adminToken,
        ApiTlsConfig apiTls,
        ResourceTypeRegistry resourceTypes) {
    public static final int DEFAULT_API_PORT = 5681;

    /** Serving the built-in resource types. */
    public ControlPlaneConfig(
            InetSocketAddress apiListen,
            Path dataDir,
            boolean createDefaultAllowAll,
            boolean readOnly,
            Clock clock,
            Duration rotationCheckInterval,
            AdminToken adminToken,
            ApiTlsConfig apiTls) {
        this(
                apiListen,
                dataDir,
                createDefaultAllowAll,
                readOnly,
                clock,
                rotationCheckInterval,
                adminToken,
                apiTls,
                BuiltinResourceTypes.REGISTRY);
    }

    /** Without admin token or HTTPS listener. */
    public ControlPlaneConfig(
            InetSocketAddress apiListen,
            Path dataDir,
            boolean createDefaultAllowAll,
            boolean readOnly,
            Clock clock,
            Duration rotationCheckInterval) {
        this(apiListen, dataDir, createDefaultAllowAll, readOnly, clock, rotationCheckInterval, null, null);
    }

    /** Loopback on Kuma's default port, allow-all on, read-write, system clock. */
    public static ControlPlaneConfig defaults(Path dataDir) {
        return new ControlPlaneConfig(
                new InetSocketAddress("127.0.0.1", DEFAULT_API_PORT),
                dataDir,
                true,
                false,
                Clock.systemUTC(),
                Duration.ofSeconds(1),
                null,
                null);
    }

    public ControlPlaneConfig withApiListen(InetSocketAddress address) {
        return new ControlPlaneConfig(
                address,
                dataDir,
                createDefaultAllowAll,
                readOnly,
                clock,
                rotationCheckInterval,
                adminToken,
                apiTls,
                resourceTypes);
    }

    public ControlPlaneConfig withCreateDefaultAllowAll(boolean value) {
        return new ControlPlaneConfig(
                apiListen, dataDir, value, readOnly, clock, rotationCheckInterval, adminToken, apiTls, resourceTypes);
    }

    public ControlPlaneConfig withReadOnly(boolean value) {
        return new ControlPlaneConfig(
                apiListen,
                dataDir,
                createDefaultAllowAll,
                value,
                clock,
                rotationCheckInterval,
                adminToken,
                apiTls,
                resourceTypes);
    }

    public ControlPlaneConfig withClock(Clock value) {
        return new ControlPlaneConfig(
                apiListen,
                dataDir,
                createDefaultAllowAll,
                readOnly,
                value,
                rotationCheckInterval,
                adminToken,
                apiTls,
                resourceTypes);
    }

    /** Requires {@code token} (or another credential) from every caller but direct loopback ones. */
    public ControlPlaneConfig withAdminToken(AdminToken token) {
        return new ControlPlaneConfig(
                apiListen,
                dataDir,
                createDefaultAllowAll,
                readOnly,
                clock,
                rotationCheckInterval,
                token,
                apiTls,
                resourceTypes);
    }

    /** Adds the HTTPS listener whose verified clients are admins. */
    public ControlPlaneConfig withApiTls(ApiTlsConfig tls) {
        return new ControlPlaneConfig(
                apiListen,
                dataDir,
                createDefaultAllowAll,
                readOnly,
                clock,
                rotationCheckInterval,
                adminToken,
                tls,
                resourceTypes);
    }

    /** Serves {@code types} (the built-in ones plus more, e.g. {@code BuiltinResourceTypes.REGISTRY.with(...)}). */
    public ControlPlaneConfig withResourceTypes(ResourceTypeRegistry types) {
        return new ControlPlaneConfig(
                apiListen,
                dataDir,
                createDefaultAllowAll,
                readOnly,
                clock,
                rotationCheckInterval,
                adminToken,
                apiTls,
                types);
    }
}
