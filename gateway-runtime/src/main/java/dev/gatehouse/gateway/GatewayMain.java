package dev.gatehouse.gateway;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar gatehouse-gateway.jar}: runs the gateway until SIGTERM/SIGINT. */
@Command(name = "gatehouse-gateway", mixinStandardHelpOptions = true, versionProvider = GatewayMain.Version.class,
    description = "Kong-compatible gateway: Admin API, durable store, declarative config.")
public final class GatewayMain implements Callable<Integer> {

  @Option(names = "--admin-listen", paramLabel = "HOST:PORT",
      defaultValue = "${env:GATEHOUSE_ADMIN_LISTEN:-127.0.0.1:8001}",
      description = "Admin API address (env GATEHOUSE_ADMIN_LISTEN, default ${DEFAULT-VALUE}).")
  String adminListen;

  @Option(names = "--proxy-listen", paramLabel = "HOST:PORT",
      defaultValue = "${env:GATEHOUSE_PROXY_LISTEN:-0.0.0.0:8000}",
      description = "Proxy address (env GATEHOUSE_PROXY_LISTEN, default ${DEFAULT-VALUE}).")
  String proxyListen;

  @Option(names = "--data-dir", paramLabel = "DIR",
      defaultValue = "${env:GATEHOUSE_DATA_DIR:-${sys:user.home}/.gatehouse/gateway}",
      description = "Directory of the SQLite store (env GATEHOUSE_DATA_DIR, default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--declarative-config", paramLabel = "FILE",
      defaultValue = "${env:GATEHOUSE_DECLARATIVE_CONFIG}",
      description = "decK/Kong declarative file (YAML or JSON) loaded at start-up, replacing the configuration"
          + " (env GATEHOUSE_DECLARATIVE_CONFIG).")
  Path declarativeConfig;

  @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:GATEHOUSE_ADMIN_TOKEN}",
      description = "Require this value in the Kong-Admin-Token header (env GATEHOUSE_ADMIN_TOKEN).")
  String adminToken;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "gatehouse-gateway-logback.xml");
    }
    int code = new CommandLine(new GatewayMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    GatewayConfig config = new GatewayConfig(ListenAddress.parse(adminListen), ListenAddress.parse(proxyListen),
        dataDir, declarativeConfig, adminToken);
    RunningGateway gateway;
    try {
      gateway = Gateway.start(config);
    } catch (GatewayStartException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      stopped.countDown();
    }, "gateway-shutdown"));
    stopped.await();
    return 0;
  }

  /** Prints the build version and the Kong version followed. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"gatehouse-gateway " + GatewayVersion.VERSION + " (Kong Admin API "
          + GatewayVersion.KONG_COMPATIBLE + ")"};
    }
  }
}
