package dev.gatehouse.gateway.plugin.prometheus;

import dev.gatehouse.gateway.proxy.server.ConnectionStats;
import dev.gatehouse.gateway.store.StoredEntity;
import dev.gatehouse.gateway.version.GatewayVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Kong's {@code /metrics} text ({@code exporter.metric_data} and {@code Prometheus:metric_data} in
 * {@code kong/plugins/prometheus/prometheus.lua}): every series as {@code kong_<name>{labels} value}, sorted as Kong
 * sorts its keys (bucket bounds zero-padded so that they sort by value, printed without the padding), with
 * {@code # HELP} and {@code # TYPE} before a metric's first series. Counters and histograms appear only while a
 * prometheus instance is enabled; a histogram's buckets appear once an observation has reached them, as Kong's
 * shared-dict keys do.
 */
final class Exposition {

    private static final String PREFIX = "kong_";

    /** A metric's help text and type. */
    private record Family(String help, String type) {}

    private static final Map<String, Family> FAMILIES = Map.ofEntries(
            Map.entry("nginx_connections_total", new Family("Number of connections by subsystem", "gauge")),
            Map.entry("nginx_requests_total", new Family("Number of requests total", "gauge")),
            Map.entry("datastore_reachable", new Family("Datastore reachable from Kong, 0 is unreachable", "gauge")),
            Map.entry("node_info", new Family("Kong Node metadata information", "gauge")),
            Map.entry(
                    "upstream_target_health",
                    new Family(
                            "Health status of targets of upstream. States = healthchecks_off|healthy|unhealthy|dns_error,"
                                    + " value is 1 when state is populated.",
                            "gauge")),
            Map.entry("memory_workers_lua_vms_bytes", new Family("Allocated bytes in worker Lua VM", "gauge")),
            Map.entry(
                    "http_requests_total",
                    new Family("HTTP status codes per consumer/service/route in Kong", "counter")),
            Map.entry(
                    "kong_latency_ms",
                    new Family(
                            "Latency added by Kong and enabled plugins for each service/route in Kong", "histogram")),
            Map.entry(
                    "upstream_latency_ms",
                    new Family("Latency added by upstream response for each service/route in Kong", "histogram")),
            Map.entry(
                    "request_latency_ms",
                    new Family("Total latency incurred during requests for each service/route in Kong", "histogram")),
            Map.entry("bandwidth_bytes", new Family("Total bandwidth (ingress/egress) throughput in bytes", "counter")),
            Map.entry("nginx_metric_errors_total", new Family("Number of nginx-lua-prometheus errors", "counter")));

    private static final List<String> TARGET_STATES = List.of("healthchecks_off", "healthy", "unhealthy", "dns_error");

    /** One line: the metric it belongs to, Kong's sort key (padded bucket bounds) and the value. */
    private record Sample(String family, String key, long value) {}

    private final Metrics metrics;
    private final NodeFacts facts;

    Exposition(Metrics metrics, NodeFacts facts) {
        this.metrics = metrics;
        this.facts = facts;
    }

    String render() {
        boolean enabled = false;
        boolean upstreamHealth = false;
        for (StoredEntity p : facts.snapshot().get().list("plugins")) {
            if (PrometheusPlugin.NAME.equals(p.body().path("name").asText())
                    && p.body().path("enabled").asBoolean(true)) {
                enabled = true;
                upstreamHealth |=
                        p.body().path("config").path("upstream_health_metrics").asBoolean(false);
            }
        }
        List<Sample> samples = new ArrayList<>();
        gauges(samples, upstreamHealth);
        if (enabled) {
            counters(samples);
        }
        samples.sort((a, b) -> a.key().compareTo(b.key()));
        StringBuilder out = new StringBuilder(4096);
        Set<String> seen = new HashSet<>();
        for (Sample s : samples) {
            if (seen.add(s.family())) {
                Family f = FAMILIES.get(s.family());
                out.append("# HELP ")
                        .append(PREFIX)
                        .append(s.family())
                        .append(' ')
                        .append(f.help())
                        .append('\n');
                out.append("# TYPE ")
                        .append(PREFIX)
                        .append(s.family())
                        .append(' ')
                        .append(f.type())
                        .append('\n');
            }
            out.append(PREFIX)
                    .append(unpadded(s.key()))
                    .append(' ')
                    .append(s.value())
                    .append('\n');
        }
        return out.toString();
    }

    private void gauges(List<Sample> out, boolean upstreamHealth) {
        String node = facts.nodeId();
        ConnectionStats c = facts.connections().get();
        if (c != null) {
            long[] values = {
                c.accepted(), c.handled(), c.totalRequests(), c.active(), c.reading(), c.writing(), c.waiting()
            };
            String[] states = {"accepted", "handled", "total", "active", "reading", "writing", "waiting"};
            for (int i = 0; i < states.length; i++) {
                out.add(sample(
                        "nginx_connections_total",
                        values[i],
                        "node_id",
                        node,
                        "subsystem",
                        "http",
                        "state",
                        states[i]));
            }
            out.add(sample("nginx_requests_total", c.totalRequests(), "node_id", node, "subsystem", "http"));
        }
        out.add(new Sample(
                "datastore_reachable",
                "datastore_reachable",
                facts.datastoreReachable().getAsBoolean() ? 1 : 0));
        out.add(sample("node_info", 1, "node_id", node, "version", GatewayVersion.KONG_COMPATIBLE));
        Runtime rt = Runtime.getRuntime();
        out.add(sample(
                "memory_workers_lua_vms_bytes",
                rt.totalMemory() - rt.freeMemory(),
                "node_id",
                node,
                "pid",
                Long.toString(ProcessHandle.current().pid()),
                "kong_subsystem",
                "http"));
        if (upstreamHealth) {
            for (TargetHealth t : facts.targets().get()) {
                for (String state : TARGET_STATES) {
                    out.add(sample(
                            "upstream_target_health",
                            state.equals(t.state()) ? 1 : 0,
                            "upstream",
                            t.upstream(),
                            "target",
                            t.target(),
                            "address",
                            t.address(),
                            "state",
                            state,
                            "subsystem",
                            "http"));
                }
            }
        }
    }

    private void counters(List<Sample> out) {
        // the library's own error counter; nothing here can fail to be recorded, so it stays 0
        out.add(new Sample("nginx_metric_errors_total", "nginx_metric_errors_total", 0));
        for (Map.Entry<Metrics.StatusKey, LongAdder> e : metrics.status.entrySet()) {
            Metrics.StatusKey k = e.getKey();
            out.add(sample(
                    "http_requests_total",
                    e.getValue().sum(),
                    "service",
                    k.service(),
                    "route",
                    k.route(),
                    "code",
                    Integer.toString(k.code()),
                    "source",
                    k.source(),
                    "workspace",
                    k.workspace(),
                    "consumer",
                    k.consumer()));
        }
        for (Map.Entry<Metrics.BandwidthKey, LongAdder> e : metrics.bandwidth.entrySet()) {
            Metrics.BandwidthKey k = e.getKey();
            out.add(sample(
                    "bandwidth_bytes",
                    e.getValue().sum(),
                    "service",
                    k.service(),
                    "route",
                    k.route(),
                    "direction",
                    k.direction(),
                    "workspace",
                    k.workspace(),
                    "consumer",
                    k.consumer()));
        }
        histograms(out, "kong_latency_ms", metrics.kongLatency);
        histograms(out, "upstream_latency_ms", metrics.upstreamLatency);
        histograms(out, "request_latency_ms", metrics.requestLatency);
    }

    private static void histograms(List<Sample> out, String family, Map<Metrics.LatencyKey, Histogram> series) {
        for (Map.Entry<Metrics.LatencyKey, Histogram> e : series.entrySet()) {
            Metrics.LatencyKey k = e.getKey();
            String labels = labels("service", k.service(), "route", k.route(), "workspace", k.workspace());
            Histogram h = e.getValue();
            long[] bounds = h.bounds();
            long[] cumulative = h.cumulative();
            String format = bucketFormat(bounds);
            String prefix = family + "_bucket" + labels.substring(0, labels.length() - 1) + ",le=\"";
            for (int i = 0; i < bounds.length; i++) {
                if (cumulative[i] > 0) {
                    out.add(new Sample(
                            family,
                            prefix + String.format(Locale.ROOT, format, (double) bounds[i]) + "\"}",
                            cumulative[i]));
                }
            }
            long count = cumulative[bounds.length];
            out.add(new Sample(family, prefix + "Inf\"}", count));
            out.add(new Sample(family, family + "_count" + labels, count));
            out.add(new Sample(family, family + "_sum" + labels, h.sum()));
        }
    }

    /**
     * Kong's {@code construct_bucket_format}: zero-padded to the widest integer part, with at least one decimal, so
     * that bounds sort by value as text.
     */
    static String bucketFormat(long[] bounds) {
        int order = 1;
        for (long b : bounds) {
            order = Math.max(order, Long.toString(b).length());
        }
        return "%0" + (order + 2) + ".1f";
    }

    /** Kong's {@code fix_histogram_bucket_labels}: the padded bound printed as a number, {@code Inf} as +Inf. */
    static String unpadded(String key) {
        int le = key.lastIndexOf(",le=\"");
        if (le < 0 || !key.contains("_bucket{")) {
            return key;
        }
        int start = le + 5;
        int end = key.indexOf('"', start);
        String bound = key.substring(start, end);
        String printed;
        if (bound.equals("Inf")) {
            printed = "+Inf";
        } else {
            double v = Double.parseDouble(bound);
            printed = v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
        return key.substring(0, start) + printed + key.substring(end);
    }

    private static Sample sample(String family, long value, String... labels) {
        return new Sample(family, family + labels(labels), value);
    }

    /** {@code {k1="v1",k2="v2"}} with backslashes and double quotes escaped, as Kong's {@code full_metric_name}. */
    static String labels(String... kv) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            String v = kv[i + 1] == null ? "" : kv[i + 1];
            b.append(kv[i])
                    .append("=\"")
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return b.append('}').toString();
    }
}
