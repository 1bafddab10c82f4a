package dev.gatehouse.app.sandbox;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Where the sandbox listens and keeps its data. Port 0 picks a free port.
 *
 * @param accessLog where the data planes send their access log (the console's live-traffic listener); null = none
 */
public record SandboxConfig(
        InetSocketAddress proxyListen,
        InetSocketAddress adminListen,
        InetSocketAddress cpListen,
        Path dataDir,
        InetSocketAddress accessLog) {

    /** Free loopback ports everywhere (tests). */
    public static SandboxConfig ephemeral(Path dataDir) {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        return new SandboxConfig(any, any, any, dataDir, null);
    }

    public SandboxConfig withAccessLog(InetSocketAddress address) {
        return new SandboxConfig(proxyListen, adminListen, cpListen, dataDir, address);
    }
}
