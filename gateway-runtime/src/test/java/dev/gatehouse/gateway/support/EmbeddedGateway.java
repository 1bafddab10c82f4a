package dev.gatehouse.gateway.support;

import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.gateway.GatewayConfig;
import dev.gatehouse.gateway.RunningGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process gateway (Admin API and proxy on free loopback ports, fresh data directory) plus a real upstream
 * server, per test class.
 */
public final class EmbeddedGateway implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<GatewayConfig> customize;
    private Path dir;
    private RunningGateway gateway;
    private UpstreamServer upstream;

    public EmbeddedGateway() {
        this(c -> c);
    }

    public EmbeddedGateway(UnaryOperator<GatewayConfig> customize) {
        this.customize = customize;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("gatehouse-proxy");
        upstream = UpstreamServer.start();
        gateway = Gateway.start(customize.apply(GatewayConfig.ephemeral(dir.resolve("data"))));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public RunningGateway gateway() {
        return gateway;
    }

    public UpstreamServer upstream() {
        return upstream;
    }

    public AdminClient admin() {
        return new AdminClient(gateway.adminUrl());
    }

    public ProxyClient proxy() {
        return new ProxyClient(gateway.proxyUrl());
    }

    /** Waits until the proxy serves the configuration the Admin API last acknowledged. */
    public void synced() {
        try {
            if (!gateway.awaitProxyConfig(5000)) {
                throw new IllegalStateException("proxy configuration did not catch up");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
