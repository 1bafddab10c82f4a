package dev.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.gatehouse.gateway.listen.ListenSpec;
import dev.gatehouse.gateway.log.RequestEvent;
import dev.gatehouse.gateway.log.RequestEventSubscription;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import dev.gatehouse.gateway.support.TrustingClient;
import dev.gatehouse.gateway.support.UpstreamServer;
import dev.gatehouse.gateway.tls.CertificateFiles;
import dev.gatehouse.gateway.tls.ServerCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTPS proxy listener with a generated self-signed certificate (Kong's {@code 0.0.0.0:8443 ssl} with
 * {@code kong-default} certificates), https-only routes (426), TLS to {@code https} services, and the
 * {@link UpstreamConnector} seam the console uses to send {@code *.mesh} hosts into a mesh data plane (a refused or
 * reset mesh connection is a 503, as Kong behind its sidecar reports).
 */
class HttpsAndConnectorTest {

    /** Where the fake mesh outbound of each {@code <name>.mesh} host listens. */
    static final Map<String, InetSocketAddress> MESH = new ConcurrentHashMap<>();

    @RegisterExtension
    static final EmbeddedGateway GW =
            new EmbeddedGateway(c -> c.withProxyListeners(ListenSpec.parseList("127.0.0.1:0, 127.0.0.1:0 ssl"))
                    .withUpstreamConnector(UpstreamConnector.DIRECT.withHostSuffix(
                            ".mesh", UpstreamConnector.via(t -> MESH.get(t.host()), 503))));

    static ServerSocket resetting;

    private final Setup setup = new Setup(GW);

    @BeforeAll
    static void fakeMesh() throws Exception {
        // a mesh outbound that accepts and resets every connection, as a data plane denying the traffic permission
        resetting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!resetting.isClosed()) {
                try {
                    Socket s = resetting.accept();
                    s.setSoLinger(true, 0);
                    s.close();
                } catch (Exception e) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void stopFakeMesh() throws Exception {
        resetting.close();
    }

    private ProxyClient https() throws Exception {
        CertificateFiles generated =
                ServerCertificate.generatedFiles(GW.gateway().config().dataDir(), "kong-default");
        return new ProxyClient(
                GW.gateway().proxyTlsListener().orElseThrow().url(), TrustingClient.trusting(generated.cert()));
    }

    @Test
    void httpsListenerServesWithAGeneratedCertificate() throws Exception {
        assertThat(GW.gateway().proxyListeners()).hasSize(2);
        assertThat(GW.gateway().proxyUrl()).startsWith("http://");
        String host = Setup.host();
        setup.routeOnHost(host, "protocols", new String[] {"https"});
        try (RequestEventSubscription events = GW.gateway().requestEvents().subscribe(50)) {
            HttpResponse<String> r = https().get("/secure", "Host", host);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(GW.upstream().last().header("X-Forwarded-Proto")).isEqualTo("https");
            RequestEvent e = events.poll(Duration.ofSeconds(5));
            while (e != null && !e.json().at("/request/uri").asText().equals("/secure")) {
                e = events.poll(Duration.ofSeconds(5));
            }
            assertThat(e).isNotNull();
            JsonNode tls = e.json().at("/request/tls");
            assertThat(tls.get("version").asText()).startsWith("TLSv1.");
            assertThat(tls.get("client_verify").asText()).isEqualTo("NONE");
        }
        // the same https-only route over plain http: Kong's 426
        HttpResponse<String> plain = GW.proxy().get("/secure", "Host", host);
        assertThat(plain.statusCode()).isEqualTo(426);
        assertThat(AdminClient.parse(plain.body()).get("message").asText()).isEqualTo("Please use HTTPS protocol");
        assertThat(ProxyClient.header(plain, "Upgrade")).isEqualTo("TLS/1.2, HTTP/1.1");
    }

    @Test
    void httpsRedirectStatusCode() {
        String host = Setup.host();
        setup.routeOnHost(host, "protocols", new String[] {"https"}, "https_redirect_status_code", 301);
        HttpResponse<String> r = GW.proxy().get("/a?b=1", "Host", host);
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(ProxyClient.header(r, "Location")).isEqualTo("https://" + host + "/a?b=1");
    }

    @Test
    void tlsToHttpsServices(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ServerCertificate cert = ServerCertificate.selfSigned(Set.of());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", cert.key(), new char[0], cert.chain().toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", ex -> UpstreamServer.respond(ex, 200, "{\"tls\":true}"));
        server.start();
        try {
            int port = server.getAddress().getPort();
            String host = Setup.host();
            String sid = setup.service("https://127.0.0.1:" + port, "retries", 0);
            setup.create("/routes", Map.of("hosts", List.of(host), "service", Map.of("id", sid)));
            HttpResponse<String> r = GW.proxy().get("/", "Host", host);
            assertThat(r.statusCode()).isEqualTo(200); // Kong does not verify upstream certificates by default
            assertThat(r.body()).isEqualTo("{\"tls\":true}");
            String strict = Setup.host();
            String sid2 = setup.service("https://127.0.0.1:" + port, "retries", 0, "tls_verify", true);
            setup.create("/routes", Map.of("hosts", List.of(strict), "service", Map.of("id", sid2)));
            assertThat(GW.proxy()
                            .get("/", "Host", strict, "Accept", "application/json")
                            .statusCode())
                    .isEqualTo(502);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void meshHostsGoThroughTheConnectorAndDenialsAre503() throws Exception {
        MESH.put(
                "demo-app.mesh",
                new InetSocketAddress("127.0.0.1", GW.upstream().port()));
        MESH.put("redis.mesh", (InetSocketAddress) resetting.getLocalSocketAddress());
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        MESH.put("gone.mesh", new InetSocketAddress("127.0.0.1", closed));

        String allowed = Setup.host();
        String sid = setup.service("http://demo-app.mesh:80");
        setup.create("/routes", Map.of("hosts", List.of(allowed), "service", Map.of("id", sid)));
        HttpResponse<String> ok = GW.proxy().get("/through-mesh", "Host", allowed);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(GW.upstream().last().header("Host")).isEqualTo("demo-app.mesh");

        String denied = Setup.host();
        String sid2 = setup.service("http://redis.mesh:80", "retries", 1);
        setup.create("/routes", Map.of("hosts", List.of(denied), "service", Map.of("id", sid2)));
        HttpResponse<String> reset = GW.proxy().get("/", "Host", denied, "Accept", "application/json");
        assertThat(reset.statusCode()).isEqualTo(503);
        assertThat(AdminClient.parse(reset.body()).get("message").asText())
                .isEqualTo("The upstream server is currently unavailable");

        String refused = Setup.host();
        String sid3 = setup.service("http://gone.mesh:80", "retries", 0);
        setup.create("/routes", Map.of("hosts", List.of(refused), "service", Map.of("id", sid3)));
        assertThat(GW.proxy().get("/", "Host", refused).statusCode()).isEqualTo(503);

        // hosts outside the mesh still connect directly, with Kong's 502 on refusal
        String direct = Setup.host();
        String sid4 = setup.service("http://127.0.0.1:" + closed, "retries", 0);
        setup.create("/routes", Map.of("hosts", List.of(direct), "service", Map.of("id", sid4)));
        assertThat(GW.proxy().get("/", "Host", direct).statusCode()).isEqualTo(502);
    }

    @Test
    void meshConnectionsAreNotReusedSoEachRequestMeetsTheMeshsCurrentDecision() throws Exception {
        List<Integer> clientPorts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", ex -> {
            clientPorts.add(ex.getRemoteAddress().getPort());
            UpstreamServer.respond(ex, 200, "{}");
        });
        server.start();
        try {
            MESH.put("fresh.mesh", server.getAddress());
            String meshHost = Setup.host();
            setup.create(
                    "/routes",
                    Map.of("hosts", List.of(meshHost), "service", Map.of("id", setup.service("http://fresh.mesh:80"))));
            for (int i = 0; i < 3; i++) {
                assertThat(GW.proxy().get("/", "Host", meshHost).statusCode()).isEqualTo(200);
            }
            assertThat(Set.copyOf(clientPorts)).hasSize(3);

            // Control: a direct service to the same server keeps its connection alive (Kong's upstream keepalive).
            clientPorts.clear();
            String directHost = Setup.host();
            setup.create(
                    "/routes",
                    Map.of(
                            "hosts",
                            List.of(directHost),
                            "service",
                            Map.of(
                                    "id",
                                    setup.service("http://127.0.0.1:"
                                            + server.getAddress().getPort()))));
            for (int i = 0; i < 3; i++) {
                assertThat(GW.proxy().get("/", "Host", directHost).statusCode()).isEqualTo(200);
            }
            assertThat(Set.copyOf(clientPorts)).hasSizeLessThan(3);
        } finally {
            server.stop(0);
        }
    }
}
