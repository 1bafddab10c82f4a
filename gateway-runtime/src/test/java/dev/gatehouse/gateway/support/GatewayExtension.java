package dev.gatehouse.gateway.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One gateway child process per test class (started through {@code GatewayMain} on a free port, with a fresh
 * data directory), stopped with SIGTERM after the class.
 */
public final class GatewayExtension implements BeforeAllCallback, AfterAllCallback {

    private GatewayProcess process;
    private Path dataDir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("gatehouse-e2e");
        process = GatewayProcess.start(dataDir.resolve("data"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.close();
        }
        if (dataDir != null) {
            try (Stream<Path> s = Files.walk(dataDir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public AdminClient client() {
        return process.client();
    }

    public GatewayProcess process() {
        return process;
    }
}
