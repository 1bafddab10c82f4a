package dev.gatehouse.app.testing;

import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.kong.KongGatewayRepository;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.gateway.RunningGateway;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Base for tests that talk to one real embedded gateway, shared by the class, through the client and repository. */
public abstract class RealGatewayTest {

    @TempDir
    protected static Path gatewayDir;

    protected static RunningGateway gateway;
    protected static KongAdminClient kong;
    protected static GatewayRepository repository;

    @BeforeAll
    static void startGateway() {
        gateway = TestRuntimes.gateway(gatewayDir);
        kong = TestRuntimes.kong(gateway);
        repository = new KongGatewayRepository(kong);
    }

    @AfterAll
    static void stopGateway() {
        kong.close();
        gateway.close();
    }
}
