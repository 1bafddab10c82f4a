package dev.gatehouse.app.testing;

import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.kong.KongGatewayRepository;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.gateway.RunningGateway;
import java.nio.file.Path;

/** One embedded gateway on loopback with the console's repository over its Admin API, closed together. */
public record TestGateway(RunningGateway gateway, KongAdminClient client, GatewayRepository repository)
        implements AutoCloseable {

    public static TestGateway start(Path dir) {
        RunningGateway gateway = TestRuntimes.gateway(dir);
        KongAdminClient client = TestRuntimes.kong(gateway);
        return new TestGateway(gateway, client, new KongGatewayRepository(client));
    }

    public String adminUrl() {
        return gateway.adminUrl();
    }

    @Override
    public void close() {
        client.close();
        gateway.close();
    }
}
