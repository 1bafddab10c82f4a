package dev.gatehouse.gateway;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * How to run a gateway: listen addresses (port 0 picks a free port), the data directory holding the SQLite
 * store, an optional declarative file loaded at start-up, and an optional Admin API token.
 *
 * @param proxyListen accepted now, used by the proxy listener (next issue)
 */
public record GatewayConfig(InetSocketAddress adminListen, InetSocketAddress proxyListen, Path dataDir,
                            Path declarativeConfig, String adminToken) {

  public static final String DEFAULT_ADMIN_LISTEN = "127.0.0.1:8001";
  public static final String DEFAULT_PROXY_LISTEN = "0.0.0.0:8000";

  /** Kong's defaults for the listeners, with the given data directory. */
  public static GatewayConfig defaults(Path dataDir) {
    return new GatewayConfig(ListenAddress.parse(DEFAULT_ADMIN_LISTEN), ListenAddress.parse(DEFAULT_PROXY_LISTEN),
        dataDir, null, null);
  }

  /** Loopback on free ports: what tests and the console's in-process sandbox use. */
  public static GatewayConfig ephemeral(Path dataDir) {
    return new GatewayConfig(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0),
        dataDir, null, null);
  }

  public GatewayConfig withAdminListen(InetSocketAddress a) {
    return new GatewayConfig(a, proxyListen, dataDir, declarativeConfig, adminToken);
  }

  public GatewayConfig withProxyListen(InetSocketAddress a) {
    return new GatewayConfig(adminListen, a, dataDir, declarativeConfig, adminToken);
  }

  public GatewayConfig withDeclarativeConfig(Path file) {
    return new GatewayConfig(adminListen, proxyListen, dataDir, file, adminToken);
  }

  public GatewayConfig withAdminToken(String token) {
    return new GatewayConfig(adminListen, proxyListen, dataDir, declarativeConfig, token);
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "GatewayConfig[adminListen=" + adminListen + ", proxyListen=" + proxyListen + ", dataDir=" + dataDir
        + ", declarativeConfig=" + declarativeConfig + ", adminToken=" + (adminToken == null ? "none" : "***") + "]";
  }
}
