package dev.gatehouse.mesh.dataplane;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to run one data plane.
 *
 * @param controlPlane      base URL of the control-plane API ({@code --cp-address})
 * @param dataplane         the Universal Dataplane resource, YAML or JSON ({@code --dataplane-file}); ports may be 0
 * @param token             the dataplane token; null = ask the control plane's loopback-only token endpoint
 * @param accessLogAddress  TCP receiver of JSON access-log lines; null = no access log
 * @param accessLogCapacity records the access-log queue holds before it drops
 * @param ioThreads         event loops of a data plane that owns its transport (0 = one per core)
 * @param accessLogTap      in-process receiver of every record while it is active; null = none
 */
public record DataplaneConfig(
        URI controlPlane,
        String dataplane,
        String token,
        InetSocketAddress accessLogAddress,
        int accessLogCapacity,
        int ioThreads,
        AccessLogTap accessLogTap) {
    public static final int DEFAULT_ACCESS_LOG_CAPACITY = 10_000;

    public DataplaneConfig {
        if (controlPlane == null || dataplane == null) {
            throw new IllegalArgumentException("a control-plane address and a Dataplane resource are required");
        }
    }

    /** Control plane and resource; token from the control plane, no access log, default threads. */
    public static DataplaneConfig of(URI controlPlane, String dataplane) {
        return new DataplaneConfig(controlPlane, dataplane, null, null, DEFAULT_ACCESS_LOG_CAPACITY, 0, null);
    }

    /** Reads the resource from a file, as {@code kuma-dp run --dataplane-file}. */
    public static DataplaneConfig fromFile(URI controlPlane, Path dataplaneFile) throws IOException {
        return of(controlPlane, Files.readString(dataplaneFile));
    }

    public DataplaneConfig withToken(String value) {
        return new DataplaneConfig(
                controlPlane, dataplane, value, accessLogAddress, accessLogCapacity, ioThreads, accessLogTap);
    }

    public DataplaneConfig withAccessLog(InetSocketAddress address, int capacity) {
        return new DataplaneConfig(controlPlane, dataplane, token, address, capacity, ioThreads, accessLogTap);
    }

    public DataplaneConfig withIoThreads(int threads) {
        return new DataplaneConfig(
                controlPlane, dataplane, token, accessLogAddress, accessLogCapacity, threads, accessLogTap);
    }

    /**
     * Hands every access-log record to {@code tap} while {@link AccessLogTap#active()} (the embedded sandbox's own
     * view), whatever MeshAccessLog policies say; its records are built only while it is active.
     */
    public DataplaneConfig withAccessLogTap(AccessLogTap tap) {
        return new DataplaneConfig(controlPlane, dataplane, token, accessLogAddress, accessLogCapacity, ioThreads, tap);
    }

    @Override
    public String toString() { // never print the token
        return "DataplaneConfig[controlPlane=" + controlPlane + ", accessLog=" + accessLogAddress + ", token="
                + (token == null ? "none" : "***") + "]";
    }
}
