package dev.gatehouse.app.pages.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kong.HttpGatewayProxy;
import dev.gatehouse.app.repository.gateway.ProxyRequest;
import dev.gatehouse.app.sandbox.RunningSandbox;
import dev.gatehouse.app.sandbox.Sandbox;
import dev.gatehouse.app.sandbox.SandboxConfig;
import dev.gatehouse.app.testing.TestRuntimes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route tester against the sandbox's real proxy: host routing, methods, and Kong's own error answers. */
class RequestTesterModelTest {

    @TempDir
    static Path dir;

    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.ephemeral(dir), step -> {});
        TestRuntimes.loadConfig(sandbox.admin(), """
                _format_version: "3.0"
                services:
                - name: demo
                  url: http://demo-app.mesh:80
                  routes:
                  - name: by-host
                    hosts: [api.example.com]
                    methods: [GET]
                    paths: [/counter]
                    strip_path: false
                """);
        // The proxy picks up a new configuration shortly after POST /config answers (the gateway rebuilds its
        // router on a thread of its own, as Kong's workers do on a config event): wait until the route is live.
        HttpGatewayProxy proxy = new HttpGatewayProxy(sandbox.proxy());
        ProxyRequest probe = new ProxyRequest("GET", "/counter", Map.of("Host", "api.example.com"), Optional.empty());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> proxy.send(probe).join().status() != 404);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private RequestTesterModel tester(String route) throws Exception {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(route);
        RequestTesterModel tester = new RequestTesterModel(new Messages(Locale.ROOT), UiExecutor.DIRECT);
        tester.prepareFor(json, Optional.of(new HttpGatewayProxy(sandbox.proxy())));
        return tester;
    }

    private static void sendAndWait(RequestTesterModel tester) {
        tester.send();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !tester.sendingProperty().get());
    }

    @Test
    void aRouteWithHostsIsReachedWithTheHostHeaderTheTesterFillsIn() throws Exception {
        RequestTesterModel tester =
                tester("{\"hosts\":[\"api.example.com\"],\"methods\":[\"GET\"],\"paths\":[\"/counter\"]}");
        assertThat(tester.headersProperty().get()).isEqualTo("Host: api.example.com");
        assertThat(tester.pathProperty().get()).isEqualTo("/counter");
        sendAndWait(tester);
        assertThat(tester.statusProperty().get())
                .as(tester.summaryProperty().get())
                .isEqualTo(200);
        assertThat(tester.responseHeadersProperty().get()).contains("x-kong-upstream-latency");
    }

    @Test
    void withoutTheHostKongAnswersNoRouteMatched() throws Exception {
        RequestTesterModel tester = tester("{\"paths\":[\"/counter\"]}");
        sendAndWait(tester);
        assertThat(tester.statusProperty().get()).isEqualTo(404);
        assertThat(tester.responseBodyProperty().get()).contains("no Route matched with those values");
    }

    @Test
    void badHeaderLinesAreRefusedBeforeSending() throws Exception {
        RequestTesterModel tester = tester("{\"paths\":[\"/\"]}");
        tester.headersProperty().set("this is not a header");
        tester.send();
        assertThat(tester.summaryProperty().get()).isEqualTo("Write each header on its own line as Name: value.");
        assertThat(tester.statusProperty().get()).isZero();
    }

    @Test
    void aMethodThatIsNotOneWordIsRefusedBeforeSending() throws Exception {
        RequestTesterModel tester = tester("{\"paths\":[\"/\"]}");
        tester.methodProperty().set("/increment");
        tester.send();
        assertThat(tester.summaryProperty().get()).isEqualTo("The method is one word, such as GET or POST.");
        assertThat(tester.sendingProperty().get()).isFalse();
        assertThat(tester.statusProperty().get()).isZero();
    }
}
