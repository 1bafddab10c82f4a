package dev.gatehouse.gateway.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.expression.RouterFlavor;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.proxy.ProxyRoute;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The {@code expressions} router flavor, with the cases of Kong's {@code spec/01-unit/08-router_spec.lua}
 * ("Router (flavor = expressions) [http]") and the field rules of {@code kong/router/fields.lua}.
 */
class ExpressionRouterTest {

    private final List<Router.Source> sources = new ArrayList<>();

    private String route(String json) {
        ObjectNode e = (ObjectNode) Json.parse(json);
        if (!e.has("id")) {
            e.put("id", UUID.randomUUID().toString());
        }
        if (!e.has("protocols")) {
            e.set("protocols", Json.parse("[\"http\",\"https\"]"));
        }
        String id = e.get("id").asText();
        ProxyRoute r =
                new ProxyRoute(id, null, null, e.path("strip_path").asBoolean(true), false, true, true, 426, false, e);
        sources.add(new Router.Source(r, e));
        return id;
    }

    /** A request: {@code uri} may carry a query; headers as name, value pairs. */
    private final class Req {
        String method = "GET";
        String uri = "/";
        String host = "example.com";
        String scheme = "http";
        String src = "127.0.0.1";
        int srcPort = 40000;
        String dst = "127.0.0.1";
        final Map<String, List<String>> headers = new LinkedHashMap<>();

        Req uri(String u) {
            uri = u;
            return this;
        }

        Req header(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        RouteMatch match(RouterFlavor flavor) {
            Router router = Router.build(sources, null, flavor);
            int q = uri.indexOf('?');
            String path = q < 0 ? uri : uri.substring(0, q);
            String query = q < 0 ? "" : uri.substring(q + 1);
            RouteRequest.Connection c = new RouteRequest.Connection() {
                public Map<String, List<String>> queryArgs() {
                    Map<String, List<String>> m = new LinkedHashMap<>();
                    for (String pair : query.split("&")) {
                        if (!pair.isEmpty()) {
                            int eq = pair.indexOf('=');
                            m.computeIfAbsent(eq < 0 ? pair : pair.substring(0, eq), k -> new ArrayList<>())
                                    .add(eq < 0 ? null : pair.substring(eq + 1));
                        }
                    }
                    return m;
                }

                public InetSocketAddress remoteAddress() {
                    return new InetSocketAddress(src, srcPort);
                }

                public InetSocketAddress localAddress() {
                    return new InetSocketAddress(dst, 8000);
                }
            };
            return router.match(new RouteRequest(
                    method,
                    path,
                    host,
                    8000,
                    scheme,
                    null,
                    sink -> headers.forEach((n, vs) -> vs.forEach(v -> sink.accept(n, v))),
                    c));
        }

        String matched() {
            RouteMatch m = match(RouterFlavor.EXPRESSIONS);
            return m == null ? null : m.route().id();
        }
    }

    private Req get(String uri) {
        return new Req().uri(uri);
    }

    @Test
    void queryArguments() {
        String one = route("{\"expression\":\"http.path == \\\"/foo/bar\\\" && http.queries.a == \\\"1\\\"\"}");
        String flag = route("{\"expression\":\"http.path == \\\"/foo/bar\\\" && http.queries.a == \\\"\\\"\"}");
        String any = route("{\"expression\":\"http.path == \\\"/foo/bar\\\" && any(http.queries.a) == \\\"2\\\"\"}");
        assertThat(get("/foo/bar?a=1").matched()).isEqualTo(one);
        assertThat(get("/foo/bar?a").matched()).isEqualTo(flag);
        assertThat(get("/foo/bar?a=1&a=2").matched()).isEqualTo(any);
        assertThat(get("/foo/bar?a=3").matched()).isNull();
        assertThat(get("/foo/bar").matched()).isNull();
    }

    @Test
    void headerValuesAreCaseSensitiveUnlessLowered() {
        String exact =
                route("{\"expression\":\"http.path == \\\"/foo/bar\\\" && http.headers.test1 == \\\"Quote\\\"\"}");
        String lower = route(
                "{\"expression\":\"http.path == \\\"/foo/bar\\\" && lower(http.headers.test2) == \\\"quote\\\"\"}");
        assertThat(get("/foo/bar").header("Test1", "Quote").matched()).isEqualTo(exact);
        assertThat(get("/foo/bar").header("test1", "quote").matched()).isNull();
        assertThat(get("/foo/bar").header("TEST2", "QuoTe").matched()).isEqualTo(lower);
        String dashed = route("{\"expression\":\"http.headers.x_request_kind == \\\"batch\\\"\"}");
        assertThat(get("/").header("X-Request-Kind", "batch").matched()).isEqualTo(dashed);
    }

    @Test
    void netPortIsReadAsTheDestinationPortAndAddressesAreTheConnections() {
        String port = route("{\"expression\":\"http.host == \\\"www.example.com\\\" && net.port == 8000\"}");
        String nets = route(
                "{\"expression\":\"net.src.ip == 1.1.1.1 && net.dst.ip == 2.2.2.2 && http.method == \\\"GET\\\"\"}");
        Req r = get("/");
        r.host = "www.example.com";
        assertThat(r.matched()).isEqualTo(port);
        r.host = "www.example.com:9000"; // the Host header's port is net.dst.port
        assertThat(r.matched()).isNull();
        Req n = get("/");
        n.src = "1.1.1.1";
        n.dst = "2.2.2.2";
        assertThat(n.matched()).isEqualTo(nets);
        n.method = "POST";
        assertThat(n.matched()).isNull();
    }

    @Test
    void pathSegments() {
        String single = route(
                "{\"expression\":\"http.path.segments.0 == \\\"foo\\\" && http.path.segments.1 == \\\"bar\\\"\"}");
        String len = route("{\"expression\":\"http.path.segments.0 == \\\"xxx\\\" && http.path.segments.len == 1\"}");
        String range = route("{\"expression\":\"http.path.segments.1_3 == r#\\\"xxx/yyy/zzz\\\"#\"}");
        String wrong = route("{\"expression\":\"http.path.segments.4_1 == r#\\\"foo\\\"#\"}");
        assertThat(get("/foo/bar").matched()).isEqualTo(single);
        assertThat(get("/foo/bar/").matched()).isEqualTo(single); // trailing empty segments are dropped
        assertThat(get("/xxx").matched()).isEqualTo(len);
        assertThat(get("/xxx/").matched()).isEqualTo(len);
        assertThat(get("/xxx/yyy").matched()).isNull();
        assertThat(get("/a/xxx/yyy/zzz").matched()).isEqualTo(range);
        assertThat(get("/a/xxx/yyy").matched()).isNull();
        assertThat(get("/foo/a/b/c/d/e").matched()).as(wrong).isNull();
    }

    @Test
    void notExpressions() {
        String not = route("{\"expression\":\"!(http.path ^= r#\\\"/foo\\\"#)\"}");
        assertThat(get("/123/foo/bar").matched()).isEqualTo(not);
        assertThat(get("/xyz/hello-world/bar").matched()).isEqualTo(not);
        assertThat(get("/foo/bar").matched()).isNull();
    }

    @Test
    void expressionRoutesComeBeforeTraditionalRoutesThenByPriorityThenById() {
        String traditional = route("{\"paths\":[\"/foo\"],\"hosts\":[\"example.com\"],\"methods\":[\"GET\"]}");
        String low =
                route("{\"id\":\"ffffffff-0000-4000-8000-000000000000\",\"expression\":\"http.path ^= \\\"/foo\\\"\"}");
        assertThat(get("/foo").matched()).isEqualTo(low);
        String high = route("{\"expression\":\"http.path ^= \\\"/foo\\\"\",\"priority\":70368744177663}");
        assertThat(get("/foo").matched()).isEqualTo(high);
        String tie =
                route("{\"id\":\"00000000-0000-4000-8000-000000000000\",\"expression\":\"http.path ^= \\\"/foo\\\"\","
                        + "\"priority\":70368744177663}");
        assertThat(get("/foo").matched())
                .as("%s ties with %s and has the lower id", tie, high)
                .isEqualTo(high);
        assertThat(get("/foo")
                        .match(RouterFlavor.TRADITIONAL_COMPATIBLE)
                        .route()
                        .id())
                .as("without the flavor, expression routes are left out")
                .isEqualTo(traditional);
        assertThat(get("/bar").matched()).isNull();
    }

    @Test
    void protocolsBecomeProtocolAlternativesExceptHttpsAlone() {
        String http = route("{\"expression\":\"http.path == \\\"/a\\\"\",\"protocols\":[\"http\"]}");
        String https = route("{\"expression\":\"http.path == \\\"/b\\\"\",\"protocols\":[\"https\"]}");
        Req a = get("/a");
        a.scheme = "https";
        assertThat(a.matched()).isNull();
        a.scheme = "http";
        assertThat(a.matched()).isEqualTo(http);
        // left to match so that the proxy can answer 426 or redirect (kong/router/expressions.lua)
        assertThat(get("/b").matched()).isEqualTo(https);
    }

    @Test
    void theMatchedPathIsWhatStripPathRemoves() {
        route("{\"expression\":\"http.path ^= \\\"/api\\\"\"}");
        assertThat(get("/api/v1").match(RouterFlavor.EXPRESSIONS).strippedPrefix())
                .isEqualTo("/api");
        sources.clear();
        route("{\"expression\":\"http.path ~ r#\\\"^/users/(?<id>\\\\d+)\\\"#\"}");
        RouteMatch m = get("/users/42/orders").match(RouterFlavor.EXPRESSIONS);
        assertThat(m.strippedPrefix()).isEqualTo("/users/42");
        assertThat(m.uriCaptures())
                .containsEntry("0", "/users/42")
                .containsEntry("1", "42")
                .containsEntry("id", "42");
        sources.clear();
        route("{\"expression\":\"http.method == \\\"GET\\\"\"}");
        RouteMatch noPath = get("/users/42").match(RouterFlavor.EXPRESSIONS);
        assertThat(noPath.strippedPrefix()).isNull();
        assertThat(noPath.uriCaptures()).isNull();
    }

    @Test
    void traditionalRoutesKeepTheirSourcesAndDestinations() {
        String local = route(
                "{\"paths\":[\"/svc\"],\"sources\":[{\"ip\":\"10.0.0.0/8\"},{\"ip\":\"127.0.0.1\",\"port\":40000}]}");
        Req r = get("/svc");
        assertThat(r.matched()).isEqualTo(local);
        r.srcPort = 40001;
        assertThat(r.matched()).isNull();
        r.src = "10.1.2.3";
        assertThat(r.matched()).isEqualTo(local);
        String dest = route("{\"paths\":[\"/d\"],\"destinations\":[{\"port\":8000}]}");
        Req d = get("/d");
        d.host = null;
        assertThat(d.matched()).isEqualTo(dest);
    }
}
