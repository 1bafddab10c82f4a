package dev.gatehouse.gateway.router;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.proxy.ProxyRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Router cost as routes grow (run with {@code gateway-runtime/bench/router-bench.sh}). Routes mix what real
 * configurations hold: plain prefixes under 50 hosts (some wildcard), methods, a tenth regex paths, a few header
 * routes and a catch-all; each request matches some route (or, 1 in 16, none). {@code match} is the per-request
 * cost; {@code build} is the cost of rebuilding the router after a change.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBenchmark {

    @Param({"10", "1000", "10000"})
    public int routes;

    private List<Router.Source> sources;
    private Router router;
    private RouteRequest[] requests;
    private List<Map<String, String>> headers;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(42);
        sources = new ArrayList<>();
        List<RouteRequest> reqs = new ArrayList<>();
        List<Map<String, String>> reqHeaders = new ArrayList<>();
        for (int i = 0; i < routes; i++) {
            String host = i % 7 == 0 ? "*.tenant" + (i % 50) + ".test" : "api" + (i % 50) + ".test";
            String json;
            if (i % 10 == 3) {
                json = "{\"paths\":[\"~/rx-" + i + "/v\\\\d+/items/\\\\d+$\"],\"hosts\":[\"" + host + "\"]}";
            } else if (i % 25 == 7) {
                json = "{\"paths\":[\"/hdr-" + i + "/\"],\"headers\":{\"x-tenant\":[\"t" + i + "\"]}}";
            } else {
                json = "{\"paths\":[\"/svc-" + i + "/v1\",\"/svc-" + i + "/v2\"],\"methods\":[\"GET\",\"POST\"],"
                        + "\"hosts\":[\"" + host + "\"]}";
            }
            add(new UUID(rnd.nextLong(), rnd.nextLong()).toString(), json);
            String reqHost = host.startsWith("*") ? "x" + host.substring(1) : host;
            String path = i % 10 == 3
                    ? "/rx-" + i + "/v3/items/77"
                    : i % 25 == 7 ? "/hdr-" + i + "/orders/" + i : "/svc-" + i + "/v1/orders/" + i;
            Map<String, String> headers = i % 25 == 7
                    ? Map.of("x-tenant", "t" + i, "accept", "*/*")
                    : Map.of("accept", "*/*", "user-agent", "bench");
            reqs.add(new RouteRequest("GET", path, reqHost + ":8000", 8000, "http", null, headers::forEach));
            reqHeaders.add(headers);
        }
        add(UUID.randomUUID().toString(), "{\"paths\":[\"/\"],\"hosts\":[\"fallback.test\"]}");
        router = Router.build(sources, null);
        List<RouteRequest> shuffled = new ArrayList<>();
        headers = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            if (i % 16 == 15) {
                shuffled.add(new RouteRequest("GET", "/nothing/here", "unknown.test", 8000, "http", null, s -> {}));
                headers.add(Map.of());
            } else {
                int pick = rnd.nextInt(reqs.size());
                shuffled.add(reqs.get(pick));
                headers.add(reqHeaders.get(pick));
            }
        }
        requests = shuffled.toArray(RouteRequest[]::new);
    }

    private void add(String id, String json) {
        ObjectNode e = (ObjectNode) Json.parse(json);
        e.put("id", id);
        sources.add(new Router.Source(new ProxyRoute(id, null, null, true, false, true, true, 426, false, e), e));
    }

    @Benchmark
    public RouteMatch match() {
        int i = next++ & 4095;
        RouteRequest r = requests[i];
        // fresh request strings and object per call, as the proxy decodes them from each request (so they are in the
        // CPU cache for small and large route tables alike); the header map is built lazily, only for header routes
        return router.match(new RouteRequest(
                r.method(), new String(r.path()), new String(r.host()), 8000, "http", null, headers.get(i)::forEach));
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Router build() {
        return Router.build(sources, null);
    }
}
