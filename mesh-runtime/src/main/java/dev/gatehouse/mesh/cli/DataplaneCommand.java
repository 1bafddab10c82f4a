package dev.gatehouse.mesh.cli;

import dev.gatehouse.mesh.dataplane.Dataplane;
import dev.gatehouse.mesh.dataplane.DataplaneConfig;
import dev.gatehouse.mesh.dataplane.DataplaneException;
import dev.gatehouse.mesh.dataplane.DataplaneTransport;
import dev.gatehouse.mesh.dataplane.RunningDataplane;
import dev.gatehouse.mesh.validation.InvalidResourceException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dataplane}: a sidecar for one Universal Dataplane resource, like {@code kuma-dp run --dataplane-file}. */
@Command(
        name = "dataplane",
        mixinStandardHelpOptions = true,
        description = "Run a data plane (mTLS sidecar) for a Kuma Universal Dataplane resource.")
final class DataplaneCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DataplaneCommand.class);

    @Option(
            names = "--cp-address",
            defaultValue = "http://127.0.0.1:5681",
            description = "Control-plane API URL (default ${DEFAULT-VALUE}).")
    URI cpAddress;

    @Option(
            names = "--dataplane-file",
            required = true,
            description =
                    "Dataplane resource (Universal YAML or JSON). "
                            + "Repeat it to run several data planes in one process on shared event loops, as the console's sandbox does.")
    List<Path> dataplaneFiles;

    @Option(
            names = "--dataplane-token-file",
            description = "File holding the dataplane token (default: ask the control plane, loopback only). "
                    + "With several dataplane files, give one token file per dataplane file, in the same order.")
    List<Path> tokenFiles;

    @Option(names = "--access-log-address", description = "HOST:PORT of a TCP receiver for JSON access-log lines.")
    String accessLogAddress;

    @Option(
            names = "--access-log-queue",
            defaultValue = "10000",
            description = "Records queued for the access log before dropping (default ${DEFAULT-VALUE}).")
    int accessLogQueue;

    @Option(
            names = "--io-threads",
            defaultValue = "0",
            description = "Event-loop threads (default: one per core, as Envoy's --concurrency).")
    int ioThreads;

    @Override
    public Integer call() throws InterruptedException {
        if (tokenFiles != null && tokenFiles.size() != dataplaneFiles.size()) {
            LOG.error(
                    "dataplane did not start: {} dataplane file(s) but {} token file(s)",
                    dataplaneFiles.size(),
                    tokenFiles.size());
            return 2;
        }
        DataplaneTransport transport = DataplaneTransport.create(ioThreads);
        List<RunningDataplane> running = new ArrayList<>();
        Runnable stopAll = () -> {
            for (int i = running.size() - 1; i >= 0; i--) {
                running.get(i).close();
            }
            transport.close();
        };
        try {
            for (int i = 0; i < dataplaneFiles.size(); i++) {
                DataplaneConfig config = DataplaneConfig.fromFile(cpAddress, dataplaneFiles.get(i));
                if (tokenFiles != null) {
                    config = config.withToken(Files.readString(tokenFiles.get(i)));
                }
                if (accessLogAddress != null) {
                    config = config.withAccessLog(HostPort.parse(accessLogAddress), accessLogQueue);
                }
                running.add(Dataplane.start(config, transport));
            }
        } catch (IOException e) {
            LOG.error("dataplane did not start: cannot read {}", e.getMessage());
            stopAll.run();
            return 1;
        } catch (DataplaneException | InvalidResourceException | IllegalArgumentException e) {
            LOG.error("dataplane did not start: {}", e.getMessage());
            stopAll.run();
            return 1;
        }
        // One full collection now that the start-up is done: what the start left alive (configuration, certificates,
        // TLS contexts, buffer pools; about 16 MB) moves to the old generation at once. Otherwise the first young
        // collections under traffic copied it between survivor spaces, 10-30 ms each (twice, at second 5 and 10 of
        // the mesh pair benchmark's load), where later ones take 1-2 ms. This process is a data plane only; the
        // sandbox's data planes share the console's JVM and do not do this.
        System.gc();
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.onTermOrInterrupt(stop::countDown);
        Thread hook = new Thread(stopAll, "dataplane-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stop.await();
        stopAll.run();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
    }
}
