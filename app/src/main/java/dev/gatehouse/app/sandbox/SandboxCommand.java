package dev.gatehouse.app.sandbox;

import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.gateway.ListenAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code gatehouse sandbox}: the embedded platform without a window, until Ctrl+C or SIGTERM. */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = "Run the embedded platform headless: gateway (proxy, Admin API), mesh control plane, and the "
                + "counter demo (demo-app, redis) behind mesh data planes, all on loopback. Stops on Ctrl+C.")
public final class SandboxCommand implements Callable<Integer> {

    @Option(
            names = "--proxy-listen",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:8000",
            converter = HostPort.class,
            description = "Gateway proxy (default ${DEFAULT-VALUE}).")
    private InetSocketAddress proxyListen;

    @Option(
            names = "--admin-listen",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:8001",
            converter = HostPort.class,
            description = "Gateway Admin API (default ${DEFAULT-VALUE}).")
    private InetSocketAddress adminListen;

    @Option(
            names = "--cp-listen",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:5681",
            converter = HostPort.class,
            description = "Mesh control-plane API (default ${DEFAULT-VALUE}).")
    private InetSocketAddress cpListen;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the gateway and mesh stores live (default: the console's data directory/sandbox).")
    private Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        Path data = dataDir != null
                ? dataDir
                : AppDirectories.fromEnvironment().dataDir().resolve("sandbox");
        RunningSandbox sandbox = Sandbox.start(
                new SandboxConfig(proxyListen, adminListen, cpListen, data, null), step -> System.out.println(step));
        System.out.println("gateway proxy      " + sandbox.proxy());
        System.out.println("gateway Admin API  " + sandbox.admin());
        System.out.println("mesh control plane " + sandbox.controlPlane());
        System.out.println("sandbox ready in " + sandbox.startMillis() + " ms; Ctrl+C stops it");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sandbox.close();
                            stopped.countDown();
                        },
                        "sandbox-stop"));
        stopped.await();
        return 0;
    }

    /** {@code HOST:PORT}, as the runtimes' own options take it. */
    static final class HostPort implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            return ListenAddress.parse(value);
        }
    }
}
