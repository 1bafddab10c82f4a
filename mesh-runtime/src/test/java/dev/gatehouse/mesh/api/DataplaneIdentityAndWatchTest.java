package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.SseClient;
import dev.gatehouse.mesh.ca.Pem;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import java.net.URI;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What a data plane does against the API: get a token, register, fetch its identity, watch for changes; and what
 * the console sees: insights (online, certificate), service insights, global insight, permission inspection.
 */
class DataplaneIdentityAndWatchTest extends SharedControlPlaneTest {

    private String token(String mesh, String name) {
        Http.Res r = http.post("/tokens/dataplane", "{\"name\":\"" + name + "\",\"mesh\":\"" + mesh + "\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("cache-control")).contains("no-store");
        return r.body();
    }

    @Test
    void identityNeedsTheDataplanesOwnTokenAndFollowsMtls() throws Exception {
        http.putJson("/meshes/idm", "{\"type\":\"Mesh\",\"name\":\"idm\"}");
        http.putYaml("/meshes/idm/dataplanes/web-1", ResourceApiTest.dataplane("idm", "web-1", "web"));
        http.putYaml("/meshes/idm/dataplanes/db-1", ResourceApiTest.dataplane("idm", "db-1", "db"));
        String webToken = token("idm", "web-1");
        String dbToken = token("idm", "db-1");

        assertThat(http.get("/meshes/idm/dataplanes/web-1/_identity").status()).isEqualTo(401);
        assertThat(http.get("/meshes/idm/dataplanes/web-1/_identity", "ghdp_wrong")
                        .status())
                .isEqualTo(401);
        Http.Res foreign = http.get("/meshes/idm/dataplanes/web-1/_identity", dbToken);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().path("title").asText()).isEqualTo("Access Denied");

        JsonNode plain =
                http.get("/meshes/idm/dataplanes/web-1/_identity", webToken).json();
        assertThat(plain.path("mtlsEnabled").asBoolean()).isFalse();
        assertThat(plain.has("privateKey")).isFalse();

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            http.putYaml(
                    "/meshes/idm",
                    "type: Mesh\nname: idm\nmtls:\n  enabledBackend: ca-1\n  backends:\n    - name: ca-1\n      type: builtin\n");
            Http.Res r = http.get("/meshes/idm/dataplanes/web-1/_identity", webToken);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().firstValue("cache-control")).contains("no-store");
            JsonNode id = r.json();
            assertThat(id.path("mtlsEnabled").asBoolean()).isTrue();
            assertThat(id.path("backend").asText()).isEqualTo("ca-1");
            X509Certificate cert = Pem.certificate(id.path("certificate").asText());
            X509Certificate ca = Pem.certificate(id.path("caCertificates").asText());
            var key = Pem.privateKey(id.path("privateKey").asText());
            assertThat(id.path("uris").toString()).contains("spiffe://idm/web", "kuma://kuma.io/service/web");
            // the key belongs to the certificate
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(new byte[] {1, 2, 3});
            byte[] sig = s.sign();
            s.initVerify(cert.getPublicKey());
            s.update(new byte[] {1, 2, 3});
            assertThat(s.verify(sig)).isTrue();
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);

            JsonNode overview =
                    http.get("/meshes/idm/dataplanes/web-1/_overview").json();
            JsonNode mtls = overview.path("dataplaneInsight").path("mTLS");
            assertThat(mtls.path("certificateRegenerations").asInt()).isEqualTo(1);
            assertThat(mtls.path("issuedBackend").asText()).isEqualTo("ca-1");
            assertThat(mtls.path("supportedBackends").get(0).asText()).isEqualTo("ca-1");
            assertThat(mtls.path("certificateExpirationTime").asText()).isNotEmpty();
            String everything =
                    logs.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", String::concat);
            assertThat(everything)
                    .doesNotContain("PRIVATE KEY")
                    .doesNotContain(webToken)
                    .doesNotContain(id.path("privateKey").asText());
        } finally {
            root.detachAppender(logs);
        }
    }

    @Test
    void aDataplaneThatLeavesGivesUpItsKeyAndADeletedOneIsForgotten() throws Exception {
        // Kuma drops a proxy's certificates when its stream ends: DataplaneWatchdog.Cleanup -> Secrets.Cleanup
        // (pkg/xds/sync/dataplane_watchdog.go, pkg/xds/secrets/secrets.go @v2.14.3); a returning proxy gets new ones.
        http.putYaml(
                "/meshes/gone",
                "type: Mesh\nname: gone\nmtls:\n  enabledBackend: ca-1\n  backends:\n    - name: ca-1\n      type: builtin\n");
        http.putYaml("/meshes/gone/dataplanes/web-1", ResourceApiTest.dataplane("gone", "web-1", "web"));
        String token = token("gone", "web-1");
        var key = DataplaneType.key("gone", "web-1");
        JsonNode first =
                http.get("/meshes/gone/dataplanes/web-1/_identity", token).json();
        assertThat(first.path("generation").asInt()).isEqualTo(1);
        assertThat(cp.identities().held(key)).isPresent();

        try (SseClient watch = new SseClient(cp.apiUri().resolve("/watch?mesh=gone&dataplane=web-1"), token)) {
            assertThat(watch.next("hello", Duration.ofSeconds(5))).isNotNull();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> http.get("/meshes/gone/dataplanes+insights/web-1")
                                    .json()
                                    .path("dataplaneInsight")
                                    .path("subscriptions")
                                    .size()
                            == 1);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cp.identities().held(key).isEmpty());
        // The insight keeps what was issued; the next request is a new certificate, as for a proxy that reconnects.
        JsonNode insight = http.get("/meshes/gone/dataplanes/web-1/_overview")
                .json()
                .path("dataplaneInsight")
                .path("mTLS");
        assertThat(insight.path("certificateRegenerations").asInt()).isEqualTo(1);
        JsonNode again =
                http.get("/meshes/gone/dataplanes/web-1/_identity", token).json();
        assertThat(again.path("generation").asInt()).isEqualTo(2);
        assertThat(again.path("reason").asText()).isEqualTo("mTLS is enabled and DP hasn't received a certificate yet");
        assertThat(again.path("certificate").asText())
                .isNotEqualTo(first.path("certificate").asText());

        assertThat(http.delete("/meshes/gone/dataplanes/web-1").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cp.identities().held(key).isEmpty()
                        && cp.identities().info(key).isEmpty());
    }

    @Test
    void tokenRequestIsValidated() {
        Http.Res r = http.post("/tokens/dataplane", "{\"mesh\":\"default\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("invalid_parameters").get(0).path("field").asText())
                .isEqualTo("name");
        assertThat(http.post("/tokens/dataplane", "{\"name\":\"x\",\"mesh\":\"nope\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void watchDeliversChangesWithin200msAndMarksDataplaneOnline() throws Exception {
        http.putJson("/meshes/w", "{\"type\":\"Mesh\",\"name\":\"w\"}");
        http.putYaml("/meshes/w/dataplanes/web-1", ResourceApiTest.dataplane("w", "web-1", "web"));
        String token = token("w", "web-1");
        URI uri = cp.apiUri().resolve("/watch?mesh=w&dataplane=web-1&types=TrafficPermission,MeshTrafficPermission");
        try (SseClient sse = new SseClient(uri, token)) {
            assertThat(sse.status()).isEqualTo(200);
            SseClient.Event hello = sse.next("hello", Duration.ofSeconds(5));
            assertThat(hello).isNotNull();
            for (int i = 0; i < 5; i++) {
                long sent = System.nanoTime();
                Http.Res put =
                        http.putJson("/meshes/w/traffic-permissions/p" + i, ResourceApiTest.tp("w", "p" + i, "web"));
                long committed = System.nanoTime(); // the 201 is sent after COMMIT
                assertThat(put.status()).isEqualTo(201);
                SseClient.Event e = sse.next("change", Duration.ofSeconds(2));
                assertThat(e).isNotNull();
                long afterCommitMs = Math.max(0, e.arrivedNanos() - committed) / 1_000_000;
                System.out.printf(
                        "watch latency: %.1f ms from request, %d ms after the acknowledged commit%n",
                        (e.arrivedNanos() - sent) / 1e6, afterCommitMs);
                assertThat(afterCommitMs)
                        .as("change reached the subscriber within 200 ms of its commit")
                        .isLessThan(200);
                JsonNode data = Http.JSON.readTree(e.data());
                assertThat(data.path("operation").asText()).isEqualTo("CREATE");
                assertThat(data.path("name").asText()).isEqualTo("p" + i);
                assertThat(data.path("resource")
                                .path("destinations")
                                .get(0)
                                .path("match")
                                .path("kuma.io/service")
                                .asText())
                        .isEqualTo("web");
                assertThat(Long.parseLong(e.id())).isGreaterThan(Long.parseLong(hello.id()));
            }
            http.delete("/meshes/w/traffic-permissions/p0");
            JsonNode del =
                    Http.JSON.readTree(sse.next("change", Duration.ofSeconds(2)).data());
            assertThat(del.path("operation").asText()).isEqualTo("DELETE");
            assertThat(del.has("resource")).isFalse();

            // filtered out: a Dataplane change is not of the watched types
            http.putYaml("/meshes/w/dataplanes/other", ResourceApiTest.dataplane("w", "other", "other"));
            // a tag change of this dataplane under mTLS brings an identity event
            http.putYaml(
                    "/meshes/w",
                    "type: Mesh\nname: w\nmtls:\n  enabledBackend: ca-1\n  backends:\n    - name: ca-1\n      type: builtin\n");
            SseClient.Event meshChange = sse.next("change", Duration.ofSeconds(2));
            assertThat(Http.JSON.readTree(meshChange.data()).path("type").asText())
                    .isEqualTo("Mesh");
            http.get("/meshes/w/dataplanes/web-1/_identity", token);
            http.putYaml(
                    "/meshes/w/dataplanes/web-1",
                    ResourceApiTest.dataplane("w", "web-1", "web")
                            .replace("kuma.io/protocol: http", "kuma.io/protocol: tcp"));
            assertThat(sse.next("identity", Duration.ofSeconds(5))).isNotNull();

            JsonNode overview = http.get("/meshes/w/dataplanes+insights/web-1").json();
            JsonNode sub =
                    overview.path("dataplaneInsight").path("subscriptions").get(0);
            assertThat(sub.has("connectTime")).isTrue();
            assertThat(sub.has("disconnectTime")).isFalse();
            JsonNode services = http.get("/meshes/w/service-insights").json();
            assertThat(services.path("items").get(0).path("name").asText()).isEqualTo("other");
            JsonNode web = http.get("/meshes/w/service-insights/web").json();
            assertThat(web.path("status").asText()).isEqualTo("online");
            assertThat(web.path("dataplanes").path("online").asInt()).isEqualTo(1);
            assertThat(http.get("/meshes/w/service-insights/other")
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo("offline");
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(http.get("/meshes/w/dataplanes/web-1/_overview")
                                .json()
                                .path("dataplaneInsight")
                                .path("subscriptions")
                                .get(0)
                                .has("disconnectTime"))
                        .isTrue());
    }

    @Test
    void watchAsDataplaneWithoutTokenIsRefused() {
        Http.Res r = http.get("/watch?mesh=default&dataplane=ghost");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("type").asText()).isEqualTo("/std-errors");
        assertThat(http.get("/watch?types=Nope").status()).isEqualTo(400);
    }

    @Test
    void overviewFiltersAndGlobalInsight() {
        http.putJson("/meshes/ov", "{\"type\":\"Mesh\",\"name\":\"ov\"}");
        http.putYaml("/meshes/ov/dataplanes/web-1", ResourceApiTest.dataplane("ov", "web-1", "web"));
        http.putYaml("/meshes/ov/dataplanes/backend-1", ResourceApiTest.dataplane("ov", "backend-1", "backend"));
        http.putYaml("/meshes/ov/dataplanes/gw", """
                type: Dataplane
                mesh: ov
                name: gw
                networking:
                  address: 127.0.0.1
                  gateway:
                    type: DELEGATED
                    tags:
                      kuma.io/service: gateway
                  outbound:
                    - port: 10001
                      tags:
                        kuma.io/service: web
                """);
        JsonNode all = http.get("/meshes/ov/dataplanes+insights").json();
        assertThat(all.path("total").asInt()).isEqualTo(3);
        assertThat(all.path("items").get(0).path("type").asText()).isEqualTo("DataplaneOverview");
        assertThat(all.path("items").get(0).has("dataplane")).isTrue();
        assertThat(all.path("items").get(0).has("dataplaneInsight")).isTrue();
        assertThat(http.get("/meshes/ov/dataplanes/_overview?gateway=delegated")
                        .json()
                        .path("items")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("gw");
        assertThat(http.get("/meshes/ov/dataplanes+insights?gateway=false")
                        .json()
                        .path("total")
                        .asInt())
                .isEqualTo(2);
        assertThat(http.get("/meshes/ov/dataplanes+insights?tag=kuma.io/service:back")
                        .json()
                        .path("items")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("backend-1");
        assertThat(http.get("/meshes/ov/dataplanes+insights?name=web")
                        .json()
                        .path("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(http.get("/meshes/ov/dataplanes+insights?gateway=maybe").status())
                .isEqualTo(400);
        assertThat(http.get("/meshes/ov/dataplanes+insights/nope").status()).isEqualTo(404);
        assertThat(http.get("/meshes/ov/service-insights?type=gateway_delegated")
                        .json()
                        .path("items")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("gateway");

        JsonNode g = http.get("/global-insight").json();
        for (String f : List.of("createdAt", "services", "zones", "dataplanes", "policies", "meshes", "resources")) {
            assertThat(g.has(f)).as(f).isTrue();
        }
        assertThat(g.path("dataplanes").path("gatewayDelegated").path("total").asInt())
                .isGreaterThanOrEqualTo(1);
        assertThat(g.path("resources").path("Mesh").path("total").asInt())
                .isEqualTo(g.path("meshes").path("total").asInt());
    }

    @Test
    void permissionInspectionPerDataplaneAndPerServicePair() {
        http.putYaml(
                "/meshes/insp",
                "type: Mesh\nname: insp\nmtls:\n  enabledBackend: ca-1\n  backends:\n    - name: ca-1\n      type: builtin\n");
        http.putYaml("/meshes/insp/dataplanes/backend-1", ResourceApiTest.dataplane("insp", "backend-1", "backend"));
        http.putYaml("/meshes/insp/meshtrafficpermissions/backend", """
                type: MeshTrafficPermission
                name: backend
                mesh: insp
                spec:
                  targetRef: {kind: MeshService, name: backend}
                  from:
                    - targetRef: {kind: Mesh}
                      default: {action: Allow}
                    - targetRef: {kind: MeshSubset, tags: {kuma.io/service: legacy}}
                      default: {action: Deny}
                """);
        JsonNode dp = http.get("/meshes/insp/dataplanes/backend-1/_permissions").json();
        JsonNode in = dp.path("inbounds").get(0);
        assertThat(dp.path("mtlsEnabled").asBoolean()).isTrue();
        assertThat(in.path("mode").asText()).isEqualTo("MESH_TRAFFIC_PERMISSION");
        assertThat(in.path("policies").get(0).path("name").asText()).isEqualTo("backend");
        assertThat(in.path("clients")
                        .get(0)
                        .path("tags")
                        .path("kuma.io/service")
                        .asText())
                .isEqualTo("legacy");
        assertThat(in.path("clients").get(0).path("allowed").asBoolean()).isFalse();

        JsonNode legacy = http.get("/meshes/insp/_permissions?source=legacy&destination=backend")
                .json();
        assertThat(legacy.path("decision").asText()).isEqualTo("Deny");
        assertThat(legacy.path("policy").path("name").asText()).isEqualTo("backend");
        assertThat(legacy.path("targets").get(0).path("dataplane").asText()).isEqualTo("backend-1");
        JsonNode web = http.get("/meshes/insp/_permissions?source=web&destination=backend")
                .json();
        assertThat(web.path("allowed").asBoolean()).isTrue();
        // allow-all-insp (legacy) governs a service no MTP selects
        JsonNode other = http.get("/meshes/insp/_permissions?source=web&destination=nowhere")
                .json();
        assertThat(other.path("policy").path("name").asText()).isEqualTo("allow-all-insp");
        assertThat(http.get("/meshes/insp/_permissions?source=web").status()).isEqualTo(400);
    }

    @Test
    void dataplaneDecidesInProcessFromTheRestSnapshotAndItsPeerCertificate() {
        // What issue 6's data plane does: fetch _snapshot, build the engine, read the peer's certificate, decide.
        http.putYaml(
                "/meshes/dp",
                "type: Mesh\nname: dp\nmtls:\n  enabledBackend: ca-1\n  backends:\n    - name: ca-1\n      type: builtin\n");
        http.delete("/meshes/dp/traffic-permissions/allow-all-dp");
        http.putYaml("/meshes/dp/dataplanes/redis-1", ResourceApiTest.dataplane("dp", "redis-1", "redis"));
        http.putYaml("/meshes/dp/dataplanes/app-1", ResourceApiTest.dataplane("dp", "app-1", "demo-app"));
        String appToken = token("dp", "app-1");
        X509Certificate appCert = Pem.certificate(http.get("/meshes/dp/dataplanes/app-1/_identity", appToken)
                .json()
                .path("certificate")
                .asText());
        var client = dev.gatehouse.mesh.policy.ClientIdentity.fromCertificate("dp", appCert);

        JsonNode snap = http.get("/meshes/dp/_snapshot").json();
        var engine = dev.gatehouse.mesh.policy.PermissionEngine.compile(
                dev.gatehouse.mesh.policy.PolicySnapshot.fromRestSnapshot(snap));
        JsonNode redisDp = snap.path("dataplanes").get(1);
        assertThat(redisDp.path("name").asText()).isEqualTo("redis-1");
        var redis = dev.gatehouse.mesh.policy.InboundTarget.of(
                        dev.gatehouse.mesh.resource.ResourceCodec.fromRest(DataplaneType.DESCRIPTOR, redisDp))
                .get(0);
        assertThat(engine.decide(redis, client).allowed()).isFalse();

        http.putJson(
                "/meshes/dp/traffic-permissions/app-to-redis",
                "{\"type\":\"TrafficPermission\",\"mesh\":\"dp\",\"name\":\"app-to-redis\","
                        + "\"sources\":[{\"match\":{\"kuma.io/service\":\"demo-app\"}}],\"destinations\":[{\"match\":{\"kuma.io/service\":\"redis\"}}]}");
        var after = dev.gatehouse.mesh.policy.PermissionEngine.compile(
                dev.gatehouse.mesh.policy.PolicySnapshot.fromRestSnapshot(
                        http.get("/meshes/dp/_snapshot").json()));
        var decision = after.decide(redis, client);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.policy().name()).isEqualTo("app-to-redis");
        assertThat(snap.path("revision").asLong()).isPositive();
    }
}
