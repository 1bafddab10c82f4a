package dev.gatehouse.mesh.cli;

import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.ControlPlaneConfig;
import dev.gatehouse.mesh.RunningControlPlane;
import dev.gatehouse.mesh.api.AdminToken;
import dev.gatehouse.mesh.api.ApiTlsConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar gatehouse-mesh.jar <command>}: the mesh runtime's command line. */
@Command(
        name = "gatehouse-mesh",
        mixinStandardHelpOptions = true,
        version = "gatehouse-mesh 0.1.0 (Kuma API 2.14.3)",
        description = "Gatehouse mesh runtime (Kuma-compatible).",
        subcommands = {MeshMain.ControlPlaneCommand.class, DataplaneCommand.class})
public final class MeshMain implements Runnable {
    static {
        // Must run before the first logger is created: the runtime's own logging setup unless the caller chose one.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/gatehouse/mesh/logback-mesh.xml");
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MeshMain.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Before Netty's first class loads, as the gateway's main does: Netty's default leak detection samples one
        // buffer in 128 and fills in a stack trace for each, about 1,600 a second in each sidecar of the pair bench
        // (JFR). Tests, which do not come through here, keep it on; -Dio.netty.leakDetection.level still wins.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        System.exit(new CommandLine(new MeshMain()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a command is required (control-plane, dataplane)");
    }

    /** {@code control-plane}: serves the REST API until SIGTERM / Ctrl+C. */
    @Command(
            name = "control-plane",
            mixinStandardHelpOptions = true,
            description = "Run the Kuma-compatible control plane (REST API, store, built-in CA).")
    static final class ControlPlaneCommand implements Callable<Integer> {
        @Option(
                names = "--api-listen",
                defaultValue = "127.0.0.1:5681",
                description = "HOST:PORT of the REST API (default ${DEFAULT-VALUE}).")
        String apiListen;

        @Option(names = "--data-dir", required = true, description = "Directory of the mesh store.")
        Path dataDir;

        @Option(
                names = "--no-default-allow-all",
                description = "Do not create allow-all-<mesh> with new meshes (Kuma 2.6+ behaviour).")
        boolean noDefaultAllowAll;

        // Kuma's apiServer.readOnly, also set by its variable (pkg/config/api-server/config.go), as its Helm chart
        // does on Kubernetes: so a second process stands in for "Kuma on Kubernetes".
        @Option(
                names = "--read-only",
                defaultValue = "${env:KUMA_API_SERVER_READ_ONLY:-false}",
                description = "Refuse writes through the API with Kuma's 405, as Kuma on Kubernetes does "
                        + "(also KUMA_API_SERVER_READ_ONLY=true; default ${DEFAULT-VALUE}).")
        boolean readOnly;

        @Option(
                names = "--api-token",
                paramLabel = "TOKEN",
                description = "Admin bearer token (Authorization: Bearer TOKEN). "
                        + "With it, callers other than direct ones on localhost must bring it (or an admin client certificate). "
                        + "Prefer --api-token-file: a command line is visible to other users.")
        String apiToken;

        @Option(names = "--api-token-file", paramLabel = "FILE", description = "File holding the admin bearer token.")
        Path apiTokenFile;

        @Option(
                names = "--api-tls-listen",
                paramLabel = "HOST:PORT",
                description = "HTTPS listener that requires a client "
                        + "certificate from --api-tls-client-ca; such clients are admin (Kuma's port is 5682).")
        String apiTlsListen;

        @Option(
                names = "--api-tls-cert",
                paramLabel = "FILE",
                description = "PEM certificate chain of the HTTPS listener.")
        Path apiTlsCert;

        @Option(
                names = "--api-tls-key",
                paramLabel = "FILE",
                description = "PEM (PKCS#8) private key of the HTTPS listener.")
        Path apiTlsKey;

        @Option(
                names = "--api-tls-client-ca",
                paramLabel = "FILE",
                description = "PEM CA certificate(s) of admin client certificates.")
        Path apiTlsClientCa;

        @Override
        public Integer call() throws InterruptedException {
            ControlPlaneConfig config;
            try {
                config = ControlPlaneConfig.defaults(dataDir)
                        .withApiListen(HostPort.parse(apiListen))
                        .withCreateDefaultAllowAll(!noDefaultAllowAll)
                        .withReadOnly(readOnly)
                        .withAdminToken(adminToken())
                        .withApiTls(apiTls());
            } catch (IllegalArgumentException | java.io.IOException e) {
                // Messages name files and options, never the token itself.
                LOG.error("mesh control plane did not start: {}", e.getMessage());
                return 2;
            }
            RunningControlPlane cp;
            try {
                cp = ControlPlane.start(config);
            } catch (IllegalStateException | dev.gatehouse.mesh.store.StoreException e) {
                LOG.error("mesh control plane did not start: {}", e.getMessage());
                return 1;
            }
            CountDownLatch stop = new CountDownLatch(1);
            StopSignals.onTermOrInterrupt(stop::countDown);
            // Other ways the JVM ends (System.exit from elsewhere) still close the store cleanly.
            Thread hook = new Thread(cp::close, "mesh-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            stop.await();
            LOG.info("stopping mesh control plane");
            cp.close();
            LOG.info("mesh control plane stopped");
            return 0;
        }

        private AdminToken adminToken() throws java.io.IOException {
            if (apiToken != null && apiTokenFile != null) {
                throw new IllegalArgumentException("give --api-token or --api-token-file, not both");
            }
            if (apiTokenFile != null) {
                String token = java.nio.file.Files.readString(apiTokenFile).strip();
                if (token.isEmpty()) {
                    throw new IllegalArgumentException("the API token file " + apiTokenFile + " is empty");
                }
                return AdminToken.of(token);
            }
            return apiToken == null ? null : AdminToken.of(apiToken);
        }

        private ApiTlsConfig apiTls() {
            if (apiTlsListen == null) {
                if (apiTlsCert != null || apiTlsKey != null || apiTlsClientCa != null) {
                    throw new IllegalArgumentException(
                            "--api-tls-cert, --api-tls-key and --api-tls-client-ca need --api-tls-listen");
                }
                return null;
            }
            if (apiTlsCert == null || apiTlsKey == null || apiTlsClientCa == null) {
                throw new IllegalArgumentException(
                        "--api-tls-listen needs --api-tls-cert, --api-tls-key and --api-tls-client-ca");
            }
            return new ApiTlsConfig(HostPort.parse(apiTlsListen), apiTlsCert, apiTlsKey, apiTlsClientCa);
        }
    }
}
