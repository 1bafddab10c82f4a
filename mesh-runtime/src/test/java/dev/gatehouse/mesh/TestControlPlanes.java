package dev.gatehouse.mesh;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** Starts real control planes on a free loopback port for tests. */
public final class TestControlPlanes {
    private TestControlPlanes() {}

    public static ControlPlaneConfig config(Path dir) {
        return ControlPlaneConfig.defaults(dir).withApiListen(new InetSocketAddress("127.0.0.1", 0));
    }

    public static RunningControlPlane start(Path dir) {
        return ControlPlane.start(config(dir));
    }
}
