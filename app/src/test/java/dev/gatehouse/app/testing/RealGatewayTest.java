package dev.gatehouse.app.testing;

import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.gateway.RunningGateway;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Base for tests that talk to one real embedded gateway, shared by the class, through the console's client. */
public abstract class RealGatewayTest {

    @TempDir
    protected static Path gatewayDir;

    protected static RunningGateway gateway;
    protected static KongAdminClient kong;

    @BeforeAll
    static void startGateway() {
        gateway = TestRuntimes.gateway(gatewayDir);
        kong = TestRuntimes.kong(gateway);
    }

    @AfterAll
    static void stopGateway() {
        kong.close();
        gateway.close();
    }
}
