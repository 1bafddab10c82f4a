package dev.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.gateway.GatewayConfig;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.UpstreamServer;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed scenario (key-auth in front of an upstream, then a streamed 3 MiB request body) on each socket transport
 * the proxy can pick: io_uring where the kernel allows it, epoll where a container's seccomp profile forbids
 * io_uring, NIO elsewhere. The benchmark runs on the first; machines without it take the others.
 */
class TransportTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void theSeedScenarioWorksOnEveryTransport(String transport) throws Exception {
        boolean available = switch (transport) {
            case "io_uring" -> IoUring.isAvailable();
            case "epoll" -> Epoll.isAvailable();
            default -> true;
        };
        assumeThat(available).as("%s is available on this machine", transport).isTrue();
        RunningGateway gw;
        System.setProperty("gatehouse.gateway.transport", transport);
        try {
            gw = Gateway.start(GatewayConfig.ephemeral(dir.resolve("data")));
        } finally {
            System.clearProperty("gatehouse.gateway.transport");
        }
        try (gw;
                UpstreamServer up = UpstreamServer.start()) {
            assertThat(gw.proxyTransport()).isEqualTo(transport);
            AdminClient admin = new AdminClient(gw.adminUrl());
            assertThat(admin.form("POST", "/services", "name", "example-service", "url", up.url())
                            .status())
                    .isEqualTo(201);
            assertThat(admin.form("POST", "/services/example-service/routes", "name", "r", "paths[]", "/")
                            .status())
                    .isEqualTo(201);
            assertThat(admin.form("POST", "/routes/r/plugins", "name", "key-auth", "config.key_names", "apiKey")
                            .status())
                    .isEqualTo(201);
            assertThat(admin.form("POST", "/consumers", "username", "example-user")
                            .status())
                    .isEqualTo(201);
            assertThat(admin.form("POST", "/consumers/example-user/key-auth", "key", "123test")
                            .status())
                    .isEqualTo(201);
            assertThat(gw.awaitProxyConfig(5000)).isTrue();

            ProxyClient proxy = new ProxyClient(gw.proxyUrl());
            assertThat(proxy.get("/").statusCode()).isEqualTo(401);
            HttpResponse<String> ok = proxy.get("/", "apiKey", "123test");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(up.last().header("X-Consumer-Username")).isEqualTo("example-user");

            String body = "x".repeat(3 * 1024 * 1024);
            HttpResponse<String> post = proxy.send("POST", "/upload", body, "apiKey", "123test");
            assertThat(post.statusCode()).isEqualTo(200);
            assertThat(up.last().bodyBytes()).isEqualTo(body.length());
        }
    }
}
