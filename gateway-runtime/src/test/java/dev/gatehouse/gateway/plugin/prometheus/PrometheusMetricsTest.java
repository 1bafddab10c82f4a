package dev.gatehouse.gateway.plugin.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.listen.BoundListener;
import dev.gatehouse.gateway.listen.ListenSpec;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The prometheus plugin over real sockets: requests through the proxy, then {@code GET /metrics} scraped over HTTP
 * from the status listener and the Admin API and parsed as exposition text. After Kong's
 * {@code kong/plugins/prometheus/exporter.lua} (names, labels, HELP texts, buckets), {@code prometheus.lua}
 * (sorting, bucket labels), {@code spec/03-plugins/26-prometheus/02-access_spec.lua} (the
 * {@code http_requests_total{service=...,consumer="alice"}} lines) and {@code 04-status_api_spec.lua}.
 */
class PrometheusMetricsTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway(
            c -> c.withStatusListeners(List.of(ListenSpec.plain(new InetSocketAddress("127.0.0.1", 0)))));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();

    /** One parsed sample line. */
    record Sample(String name, Map<String, String> labels, String value) {}

    /** A parsed scrape: the samples in order and the comment lines. */
    record Scrape(String contentType, List<Sample> samples, List<String> comments, String text) {
        List<Sample> named(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).toList();
        }

        /** The value of the one sample with exactly these labels, or null. */
        String value(String name, Map<String, String> labels) {
            return named(name).stream()
                    .filter(s -> s.labels().equals(labels))
                    .map(Sample::value)
                    .findFirst()
                    .orElse(null);
        }
    }

    private static String statusUrl() {
        BoundListener l = GW.gateway().statusListeners().getFirst();
        return "http://127.0.0.1:" + l.address().getPort();
    }

    private static Scrape scrape(String base) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            List<Sample> samples = new ArrayList<>();
            List<String> comments = new ArrayList<>();
            for (String line : r.body().split("\n")) {
                if (line.startsWith("#")) {
                    comments.add(line);
                    continue;
                }
                Matcher m = LINE.matcher(line);
                assertThat(m.matches()).as("exposition line: %s", line).isTrue();
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(2) != null) {
                    Matcher l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                    }
                }
                samples.add(new Sample(m.group(1), labels, m.group(3)));
            }
            return new Scrape(r.headers().firstValue("Content-Type").orElse(null), samples, comments, r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The log phase runs after the response is sent: scrapes until the counts are in (5 s at most). */
    private static Scrape scrapeUntil(String base, Predicate<Scrape> done) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        Scrape s = scrape(base);
        while (!done.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            s = scrape(base);
        }
        return s;
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void requestsAreCountedPerServiceRouteCodeSourceAndConsumer() throws Exception {
        String host = Setup.host();
        String service = setup.service(GW.upstream().url(), "name", "prom-svc");
        String route = setup.create(
                "/routes", Map.of("name", "prom-route", "hosts", List.of(host), "service", Map.of("id", service)));
        setup.plugin("/routes/" + route + "/plugins", "key-auth", Map.of());
        String prom = setup.plugin(
                "/routes/" + route + "/plugins",
                "prometheus",
                Map.of(
                        "per_consumer", true,
                        "status_code_metrics", true,
                        "latency_metrics", true,
                        "bandwidth_metrics", true));
        setup.consumer("alice");
        setup.key("alice", "alice-key");

        for (int i = 0; i < 3; i++) {
            assertThat(proxy.get("/anything?apikey=alice-key", "Host", host).statusCode())
                    .isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(proxy.get("/anything", "Host", host).statusCode()).isEqualTo(401);
        }
        // a route without the plugin is not counted
        String other = Setup.host();
        setup.routeOnHost(other);
        assertThat(proxy.get("/", "Host", other).statusCode()).isEqualTo(200);

        Map<String, String> ok = labels(
                "service", "prom-svc",
                "route", "prom-route",
                "code", "200",
                "source", "service",
                "workspace", "default",
                "consumer", "alice");
        Map<String, String> refused = labels(
                "service", "prom-svc",
                "route", "prom-route",
                "code", "401",
                "source", "kong",
                "workspace", "default",
                "consumer", "");
        Map<String, String> latency = labels("service", "prom-svc", "route", "prom-route", "workspace", "default");
        Scrape s = scrapeUntil(
                statusUrl(),
                x -> "3".equals(x.value("kong_http_requests_total", ok))
                        && "2".equals(x.value("kong_http_requests_total", refused))
                        && "5".equals(x.value("kong_request_latency_ms_count", latency)));

        assertThat(s.contentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(s.value("kong_http_requests_total", ok)).isEqualTo("3");
        assertThat(s.value("kong_http_requests_total", refused)).isEqualTo("2");
        assertThat(s.named("kong_http_requests_total"))
                .as("only the route with the plugin is counted")
                .allSatisfy(x -> assertThat(x.labels().get("route")).isEqualTo("prom-route"));
        assertThat(s.comments())
                .contains(
                        "# HELP kong_http_requests_total HTTP status codes per consumer/service/route in Kong",
                        "# TYPE kong_http_requests_total counter",
                        "# TYPE kong_request_latency_ms histogram",
                        "# TYPE kong_nginx_connections_total gauge");

        // histograms: every request observed, buckets cumulative and ending in +Inf = _count
        for (String h : List.of("kong_request_latency_ms", "kong_kong_latency_ms")) {
            assertThat(s.value(h + "_count", latency)).as(h).isEqualTo("5");
            List<Sample> buckets = s.named(h + "_bucket").stream()
                    .filter(b -> b.labels().get("route").equals("prom-route"))
                    .toList();
            assertThat(buckets.getLast().labels().get("le")).isEqualTo("+Inf");
            assertThat(buckets.getLast().value()).isEqualTo("5");
            long previous = 0;
            for (Sample b : buckets) {
                long v = Long.parseLong(b.value());
                assertThat(v).isGreaterThanOrEqualTo(previous).isPositive();
                previous = v;
            }
            assertThat(Long.parseLong(s.value(h + "_sum", latency))).isGreaterThanOrEqualTo(0);
        }
        // only the 3 proxied requests have an upstream latency (Kong's latencies.proxy is -1 otherwise)
        assertThat(s.value("kong_upstream_latency_ms_count", latency)).isEqualTo("3");
        // bucket bounds are Kong's and print without the padding used to sort them
        assertThat(s.named("kong_kong_latency_ms_bucket").stream()
                        .map(b -> b.labels().get("le"))
                        .toList())
                .isSubsetOf(
                        "1", "2", "5", "7", "10", "15", "20", "30", "50", "75", "100", "200", "500", "750", "1000",
                        "3000", "6000", "+Inf");

        long ingressAlice = Long.parseLong(s.value(
                "kong_bandwidth_bytes",
                labels(
                        "service", "prom-svc",
                        "route", "prom-route",
                        "direction", "ingress",
                        "workspace", "default",
                        "consumer", "alice")));
        assertThat(ingressAlice).isGreaterThan(3 * "GET /anything?apikey=alice-key HTTP/1.1\r\n".length());
        assertThat(s.value(
                        "kong_bandwidth_bytes",
                        labels(
                                "service", "prom-svc",
                                "route", "prom-route",
                                "direction", "egress",
                                "workspace", "default",
                                "consumer", "")))
                .isNotNull();

        String nodeId = admin.get("/").json().get("node_id").asText();
        assertThat(s.value("kong_node_info", labels("node_id", nodeId, "version", "3.9.1")))
                .isEqualTo("1");
        assertThat(s.value("kong_datastore_reachable", Map.of())).isEqualTo("1");
        assertThat(s.value("kong_nginx_metric_errors_total", Map.of())).isEqualTo("0");
        long total = Long.parseLong(s.value(
                "kong_nginx_connections_total", labels("node_id", nodeId, "subsystem", "http", "state", "total")));
        assertThat(total).isGreaterThanOrEqualTo(6);
        assertThat(s.value("kong_nginx_requests_total", labels("node_id", nodeId, "subsystem", "http")))
                .isEqualTo(Long.toString(total));
        assertThat(s.named("kong_memory_workers_lua_vms_bytes")).hasSize(1);

        // Kong's order: the keys sorted as text, so metrics come alphabetically and each HELP precedes its lines
        List<String> names = s.samples().stream().map(Sample::name).toList();
        assertThat(names.indexOf("kong_bandwidth_bytes")).isLessThan(names.indexOf("kong_datastore_reachable"));
        assertThat(names.indexOf("kong_node_info")).isLessThan(names.indexOf("kong_request_latency_ms_bucket"));

        // the Admin API serves the same metrics
        Scrape fromAdmin = scrape(GW.gateway().adminUrl());
        assertThat(fromAdmin.value("kong_http_requests_total", ok)).isEqualTo("3");

        // disabled: counters and histograms leave the exposition (they are kept), the node's gauges stay
        assertThat(admin.patch("/plugins/" + prom, Map.of("enabled", false)).status())
                .isEqualTo(200);
        Scrape off = scrape(statusUrl());
        assertThat(off.named("kong_http_requests_total")).isEmpty();
        assertThat(off.named("kong_request_latency_ms_bucket")).isEmpty();
        assertThat(off.named("kong_nginx_metric_errors_total")).isEmpty();
        assertThat(off.value("kong_datastore_reachable", Map.of())).isEqualTo("1");
        assertThat(admin.patch("/plugins/" + prom, Map.of("enabled", true)).status())
                .isEqualTo(200);
        assertThat(scrape(statusUrl()).value("kong_http_requests_total", ok)).isEqualTo("3");
    }

    @Test
    void upstreamTargetHealthIsExportedWhenAnInstanceAsksForIt() throws Exception {
        AdminClient.Resp up = admin.post("/upstreams", Map.of("name", "prom-upstream"));
        assertThat(up.status()).isEqualTo(201);
        String target = "127.0.0.1:" + URI.create(GW.upstream().url()).getPort();
        assertThat(admin.post("/upstreams/prom-upstream/targets", Map.of("target", target))
                        .status())
                .isEqualTo(201);
        String plugin = setup.plugin("/plugins", "prometheus", Map.of("upstream_health_metrics", true));
        try {
            Map<String, String> off = labels(
                    "upstream", "prom-upstream",
                    "target", target,
                    "address", target,
                    "state", "healthchecks_off",
                    "subsystem", "http");
            Scrape s = scrapeUntil(statusUrl(), x -> x.value("kong_upstream_target_health", off) != null);
            assertThat(s.value("kong_upstream_target_health", off)).isEqualTo("1");
            Map<String, String> healthy = new LinkedHashMap<>(off);
            healthy.put("state", "healthy");
            assertThat(s.value("kong_upstream_target_health", healthy)).isEqualTo("0");
            assertThat(s.comments())
                    .contains("# HELP kong_upstream_target_health Health status of targets of upstream. States ="
                            + " healthchecks_off|healthy|unhealthy|dns_error, value is 1 when state is populated.");
        } finally {
            admin.delete("/plugins/" + plugin);
        }
        assertThat(scrape(statusUrl()).named("kong_upstream_target_health")).isEmpty();
    }

    @Test
    void theStatusListenerServesStatusButNoAdminEndpoints() throws Exception {
        HttpResponse<String> status = HTTP.send(
                HttpRequest.newBuilder(URI.create(statusUrl() + "/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(AdminClient.parse(status.body()).at("/database/reachable").asBoolean())
                .isTrue();
        assertThat(AdminClient.parse(status.body()).has("server")).isTrue();
        HttpResponse<String> services = HTTP.send(
                HttpRequest.newBuilder(URI.create(statusUrl() + "/services")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(services.statusCode()).isEqualTo(404);
        assertThat(services.body()).isEqualTo("{\"message\":\"Not found\"}");
        // GET / of the Admin API names the listener as Kong's configuration does
        assertThat(admin.get("/").json().at("/configuration/status_listen/0").asText())
                .isEqualTo("127.0.0.1:"
                        + GW.gateway().statusListeners().getFirst().address().getPort());
    }

    @Test
    void schemaIsKongs() {
        AdminClient.Resp r = admin.get("/schemas/plugins/prometheus");
        assertThat(r.status()).isEqualTo(200);
        AdminClient.Resp created = admin.post("/plugins", Map.of("name", "prometheus", "instance_name", "prom-schema"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("config").toString())
                .isEqualTo("{\"per_consumer\":false,\"status_code_metrics\":false,\"ai_metrics\":false,"
                        + "\"latency_metrics\":false,\"bandwidth_metrics\":false,\"upstream_health_metrics\":false,"
                        + "\"wasm_metrics\":false}");
        admin.delete("/plugins/prom-schema");
        AdminClient.Resp bad =
                admin.post("/plugins", Map.of("name", "prometheus", "config", Map.of("per_consumer", "yes")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/fields/config/per_consumer").asText()).isEqualTo("expected a boolean");
    }
}
