package dev.gatehouse.gateway;

import dev.gatehouse.gateway.expression.RouterFlavor;
import dev.gatehouse.gateway.listen.ListenSpec;
import dev.gatehouse.gateway.tls.CertificateFiles;
import dev.gatehouse.gateway.version.GatewayVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar gatehouse-gateway.jar}: runs the gateway until SIGTERM/SIGINT. */
@Command(
        name = "gatehouse-gateway",
        mixinStandardHelpOptions = true,
        versionProvider = GatewayMain.Version.class,
        description = "Kong-compatible gateway: Admin API, proxy with plugins, durable store, declarative config.")
public final class GatewayMain implements Callable<Integer> {

    @Option(
            names = "--admin-listen",
            paramLabel = "HOST:PORT[ ssl][, ...]",
            defaultValue = "${env:GATEHOUSE_ADMIN_LISTEN:-127.0.0.1:8001}",
            description =
                    "Admin API listeners, comma-separated, 'ssl' for TLS, e.g. '127.0.0.1:8001, 127.0.0.1:8444 ssl'"
                            + " (env GATEHOUSE_ADMIN_LISTEN, default ${DEFAULT-VALUE}).")
    String adminListen;

    @Option(
            names = "--proxy-listen",
            paramLabel = "HOST:PORT[ ssl][, ...]|off",
            defaultValue = "${env:GATEHOUSE_PROXY_LISTEN:-0.0.0.0:8000}",
            description = "Proxy listeners, comma-separated, 'ssl' for HTTPS, e.g. '0.0.0.0:8000, 0.0.0.0:8443 ssl';"
                    + " 'off' disables the proxy (env GATEHOUSE_PROXY_LISTEN, default ${DEFAULT-VALUE}).")
    String proxyListen;

    @Option(
            names = "--status-listen",
            paramLabel = "HOST:PORT[ ssl][, ...]|off",
            defaultValue = "${env:GATEHOUSE_STATUS_LISTEN:-127.0.0.1:8007}",
            description = "Status API listeners (Kong's status_listen: GET /status, and GET /metrics of the prometheus"
                    + " plugin), comma-separated; 'off' disables them (env GATEHOUSE_STATUS_LISTEN, default"
                    + " ${DEFAULT-VALUE}).")
    String statusListen;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${env:GATEHOUSE_DATA_DIR:-${sys:user.home}/.gatehouse/gateway}",
            description = "Directory of the SQLite store and generated certificates (env GATEHOUSE_DATA_DIR,"
                    + " default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--declarative-config",
            paramLabel = "FILE",
            defaultValue = "${env:GATEHOUSE_DECLARATIVE_CONFIG}",
            description = "decK/Kong declarative file (YAML or JSON) loaded at start-up, replacing the configuration"
                    + " (env GATEHOUSE_DECLARATIVE_CONFIG).")
    Path declarativeConfig;

    @Option(
            names = "--admin-token",
            paramLabel = "TOKEN",
            defaultValue = "${env:GATEHOUSE_ADMIN_TOKEN}",
            description = "Require this value in the Kong-Admin-Token header (env GATEHOUSE_ADMIN_TOKEN).")
    String adminToken;

    @Option(
            names = "--admin-ssl-cert",
            paramLabel = "FILE",
            defaultValue = "${env:GATEHOUSE_ADMIN_SSL_CERT}",
            description = "PEM certificate (chain) of the TLS Admin API listeners; without it a self-signed pair is"
                    + " generated in the data directory (env GATEHOUSE_ADMIN_SSL_CERT).")
    Path adminSslCert;

    @Option(
            names = "--admin-ssl-cert-key",
            paramLabel = "FILE",
            defaultValue = "${env:GATEHOUSE_ADMIN_SSL_CERT_KEY}",
            description = "PEM private key of --admin-ssl-cert (env GATEHOUSE_ADMIN_SSL_CERT_KEY).")
    Path adminSslCertKey;

    @Option(
            names = "--ssl-cert",
            paramLabel = "FILE",
            defaultValue = "${env:GATEHOUSE_SSL_CERT}",
            description = "PEM certificate (chain) of the HTTPS proxy listeners; without it a self-signed pair is"
                    + " generated in the data directory (env GATEHOUSE_SSL_CERT).")
    Path sslCert;

    @Option(
            names = "--ssl-cert-key",
            paramLabel = "FILE",
            defaultValue = "${env:GATEHOUSE_SSL_CERT_KEY}",
            description = "PEM private key of --ssl-cert (env GATEHOUSE_SSL_CERT_KEY).")
    Path sslCertKey;

    @Option(
            names = "--admin-gui-url",
            paramLabel = "URL[,URL...]",
            defaultValue = "${env:GATEHOUSE_ADMIN_GUI_URL}",
            description = "Kong's admin_gui_url: where browser UIs for the Admin API are served from another origin;"
                    + " CORS answers allow their origins (env GATEHOUSE_ADMIN_GUI_URL). Without it the Admin API"
                    + " echoes the request's Origin, as Kong does.")
    String adminGuiUrl;

    @Option(
            names = "--router-flavor",
            paramLabel = "FLAVOR",
            defaultValue = "${env:GATEHOUSE_ROUTER_FLAVOR:-traditional_compatible}",
            description = "Kong's router_flavor: traditional_compatible, or expressions to let routes carry an ATC"
                    + " expression and a priority (env GATEHOUSE_ROUTER_FLAVOR, default ${DEFAULT-VALUE}).")
    String routerFlavor;

    @Option(
            names = "--proxy-workers",
            paramLabel = "N",
            defaultValue = "${env:GATEHOUSE_PROXY_WORKERS:-0}",
            description =
                    "Proxy event loops; 0 = one per core (env GATEHOUSE_PROXY_WORKERS, default ${DEFAULT-VALUE}).")
    int proxyWorkers;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "gatehouse-gateway-logback.xml");
        }
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // sampling leak detection records stack traces on the hot path; tests run the gateway with it on
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
        int code = new CommandLine(new GatewayMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Kong's comma-separated {@code admin_gui_url}. */
    static java.util.List<java.net.URI> adminGuiUrls(String value) {
        if (value == null || value.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .map(java.net.URI::create)
                .toList();
    }

    @Override
    public Integer call() throws InterruptedException {
        GatewayConfig config;
        try {
            config = new GatewayConfig(
                    ListenSpec.parseList(adminListen),
                    listenersOrOff(proxyListen),
                    dataDir,
                    declarativeConfig,
                    adminToken,
                    files("--admin-ssl-cert", adminSslCert, adminSslCertKey),
                    files("--ssl-cert", sslCert, sslCertKey),
                    null,
                    proxyWorkers,
                    null,
                    adminGuiUrls(adminGuiUrl),
                    RouterFlavor.parse(routerFlavor),
                    listenersOrOff(statusListen));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        RunningGateway gateway;
        try {
            gateway = Gateway.start(config);
        } catch (GatewayStartException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            gateway.close();
                            stopped.countDown();
                        },
                        "gateway-shutdown"));
        stopped.await();
        return 0;
    }

    /** A listener list, or none for Kong's {@code off}. */
    private static List<ListenSpec> listenersOrOff(String value) {
        return value.trim().equalsIgnoreCase("off") ? List.of() : ListenSpec.parseList(value);
    }

    private static CertificateFiles files(String option, Path cert, Path key) {
        if (cert == null && key == null) {
            return null;
        }
        if (cert == null || key == null) {
            throw new IllegalArgumentException(option + " and " + option + "-key must be given together");
        }
        return new CertificateFiles(cert, key);
    }

    /** Prints the build version and the Kong version followed. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "gatehouse-gateway " + GatewayVersion.VERSION + " (Kong Admin API " + GatewayVersion.KONG_COMPATIBLE
                        + ")"
            };
        }
    }
}
