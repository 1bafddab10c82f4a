package dev.gatehouse.mesh.cli;

import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.ControlPlaneConfig;
import dev.gatehouse.mesh.RunningControlPlane;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar gatehouse-mesh.jar <command>}: the mesh runtime's command line. */
@Command(name = "gatehouse-mesh", mixinStandardHelpOptions = true, version = "gatehouse-mesh 0.1.0 (Kuma API 2.14.3)",
        description = "Gatehouse mesh runtime (Kuma-compatible).", subcommands = {MeshMain.ControlPlaneCommand.class, DataplaneCommand.class})
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
        System.exit(new CommandLine(new MeshMain()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (control-plane, dataplane)");
    }

    /** {@code control-plane}: serves the REST API until SIGTERM / Ctrl+C. */
    @Command(name = "control-plane", mixinStandardHelpOptions = true,
            description = "Run the Kuma-compatible control plane (REST API, store, built-in CA).")
    static final class ControlPlaneCommand implements Callable<Integer> {
        @Option(names = "--api-listen", defaultValue = "127.0.0.1:5681", description = "HOST:PORT of the REST API (default ${DEFAULT-VALUE}).")
        String apiListen;

        @Option(names = "--data-dir", required = true, description = "Directory of the mesh store.")
        Path dataDir;

        @Option(names = "--no-default-allow-all", description = "Do not create allow-all-<mesh> with new meshes (Kuma 2.6+ behaviour).")
        boolean noDefaultAllowAll;

        @Option(names = "--read-only", description = "Refuse writes through the API with 405 (KUMA_API_SERVER_READ_ONLY).")
        boolean readOnly;

        @Override
        public Integer call() throws InterruptedException {
            ControlPlaneConfig config = ControlPlaneConfig.defaults(dataDir)
                    .withApiListen(HostPort.parse(apiListen))
                    .withCreateDefaultAllowAll(!noDefaultAllowAll)
                    .withReadOnly(readOnly);
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
    }
}
