package dev.gatehouse.gateway.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.proxy.ProxyRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Matching rules of Kong's {@code traditional_compatible} router: docs {@code app/_gateway_entities/route.md}
 * ("Routing", "Matching priorities"), {@code kong/router/transform.lua} and cases of
 * {@code spec/01-unit/08-router_spec.lua}.
 */
class RouterTest {

    private final List<Router.Source> sources = new ArrayList<>();

    private String route(String json) {
        ObjectNode e = (ObjectNode) Json.parse(json);
        if (!e.has("id")) {
            e.put("id", UUID.randomUUID().toString());
        }
        String id = e.get("id").asText();
        ProxyRoute r = new ProxyRoute(
                id,
                e.path("name").asText(null),
                null,
                e.path("strip_path").asBoolean(true),
                e.path("preserve_host").asBoolean(false),
                true,
                true,
                426,
                false,
                e);
        sources.add(new Router.Source(r, e));
        return id;
    }

    private RouteMatch match(String method, String path, String host) {
        return match(method, path, host, Map.of());
    }

    private RouteMatch match(String method, String path, String host, Map<String, String> headers) {
        Router router = Router.build(sources, null);
        return router.match(new RouteRequest(method, path, host, 8000, "http", null, sink -> headers.forEach(sink)));
    }

    private String matchedId(String method, String path, String host) {
        RouteMatch m = match(method, path, host);
        return m == null ? null : m.route().id();
    }

    @Test
    void prefixPathsMatchTheNormalisedPathAndTheLongestWins() {
        String root = route("{\"paths\":[\"/\"]}");
        String a = route("{\"paths\":[\"/a\"]}");
        String ab = route("{\"paths\":[\"/a/b\"]}");
        assertThat(matchedId("GET", "/a/b/c", null)).isEqualTo(ab);
        assertThat(matchedId("GET", "/a/x", null)).isEqualTo(a);
        assertThat(matchedId("GET", "/ab", null)).isEqualTo(a); // plain paths are prefixes, not segments
        assertThat(matchedId("GET", "/zzz", null)).isEqualTo(root);
        assertThat(match("GET", "/a/b/c", null).matchedPath()).isEqualTo("/a/b");
    }

    @Test
    void noRouteMatches() {
        route("{\"paths\":[\"/only\"]}");
        assertThat(match("GET", "/other", null)).isNull();
    }

    @Test
    void regexPathsAreAnchoredAndBeatPrefixes() {
        String prefix = route("{\"paths\":[\"/version/any\"]}");
        String regex = route("{\"paths\":[\"~/version/\\\\d+/status\"]}");
        assertThat(matchedId("GET", "/version/1/status", null)).isEqualTo(regex);
        assertThat(matchedId("GET", "/x/version/1/status", null)).isNull(); // anchored with ^
        assertThat(matchedId("GET", "/version/any", null)).isEqualTo(prefix);
        RouteMatch m = match("GET", "/version/42/status/more", null);
        assertThat(m.matchedPath()).isEqualTo("/version/42/status"); // the whole regex match is the prefix to strip
    }

    @Test
    void regexPriorityOrdersRegexPaths() {
        String low = route("{\"paths\":[\"~/status/\\\\d+\"],\"regex_priority\":0}");
        String high = route("{\"paths\":[\"~/status/42\"],\"regex_priority\":6}");
        String negative = route("{\"paths\":[\"~/status/4\"],\"regex_priority\":-3}");
        assertThat(matchedId("GET", "/status/42", null)).isEqualTo(high);
        assertThat(matchedId("GET", "/status/43", null)).isEqualTo(low);
        assertThat(negative).isNotNull();
    }

    @Test
    void namedCapturesAreExposed() {
        route("{\"paths\":[\"~/users/(?<user>\\\\w+)/orders/(\\\\d+)\"]}");
        RouteMatch m = match("GET", "/users/bob/orders/7", null);
        assertThat(m.uriCaptures())
                .containsEntry("user", "bob")
                .containsEntry("2", "7")
                .containsEntry("0", "/users/bob/orders/7");
    }

    @Test
    void hostsExactWildcardsAndPorts() {
        String exact = route("{\"hosts\":[\"example.com\"]}");
        String leading = route("{\"hosts\":[\"*.example.com\"]}");
        String trailing = route("{\"hosts\":[\"example.*\"]}");
        String withPort = route("{\"hosts\":[\"service.test:8100\"]}");
        assertThat(matchedId("GET", "/", "example.com")).isEqualTo(exact);
        assertThat(matchedId("GET", "/", "Example.COM:8000")).isEqualTo(exact);
        assertThat(matchedId("GET", "/", "a.example.com")).isEqualTo(leading);
        assertThat(matchedId("GET", "/", "x.y.example.com")).isEqualTo(leading);
        assertThat(matchedId("GET", "/", "example.org")).isEqualTo(trailing);
        assertThat(matchedId("GET", "/", "service.test:8100")).isEqualTo(withPort);
        assertThat(matchedId("GET", "/", "service.test")).isNull(); // listener port 8000, not 8100
        assertThat(matchedId("GET", "/", "service.test:8101")).isNull();
        assertThat(matchedId("GET", "/", null)).isNull();
    }

    @Test
    void plainHostsBeatWildcardHosts() {
        String wildcard = route("{\"hosts\":[\"*.route.test\"],\"paths\":[\"/\"]}");
        String plain = route("{\"hosts\":[\"plain.route.test\"],\"paths\":[\"/\"]}");
        assertThat(matchedId("GET", "/", "plain.route.test")).isEqualTo(plain);
        assertThat(matchedId("GET", "/", "other.route.test")).isEqualTo(wildcard);
    }

    @Test
    void methodsMustMatch() {
        String get = route("{\"methods\":[\"GET\"],\"paths\":[\"/m\"]}");
        String post = route("{\"methods\":[\"POST\",\"PUT\"],\"paths\":[\"/m\"]}");
        assertThat(matchedId("GET", "/m", null)).isEqualTo(get);
        assertThat(matchedId("PUT", "/m", null)).isEqualTo(post);
        assertThat(matchedId("DELETE", "/m", null)).isNull();
    }

    @Test
    void moreMatchingFieldsWin() {
        String path = route("{\"paths\":[\"/x\"]}");
        String pathMethod = route("{\"paths\":[\"/x\"],\"methods\":[\"GET\"]}");
        String pathMethodHost = route("{\"paths\":[\"/x\"],\"methods\":[\"GET\"],\"hosts\":[\"h.test\"]}");
        assertThat(matchedId("GET", "/x", "h.test")).isEqualTo(pathMethodHost);
        assertThat(matchedId("GET", "/x", "other.test")).isEqualTo(pathMethod);
        assertThat(matchedId("POST", "/x", "h.test")).isEqualTo(path);
        // a longer prefix with fewer fields still loses to more fields
        String longer = route("{\"paths\":[\"/x/very/long\"]}");
        assertThat(matchedId("GET", "/x/very/long", "h.test")).isEqualTo(pathMethodHost);
        assertThat(matchedId("POST", "/x/very/long", null)).isEqualTo(longer);
    }

    @Test
    void headersAreCaseInsensitiveWithRegexValues() {
        String plain = route("{\"headers\":{\"X-Version\":[\"v1\",\"V2\"]}}");
        String regex = route("{\"headers\":{\"x-version\":[\"~*^beta-\\\\d+$\"]}}");
        String two = route("{\"headers\":{\"x-version\":[\"v1\"],\"x-region\":[\"eu\"]}}");
        assertThat(match("GET", "/", null, Map.of("x-version", "V1")).route().id())
                .isEqualTo(plain);
        assertThat(match("GET", "/", null, Map.of("X_Version", "v2")).route().id())
                .isEqualTo(plain);
        assertThat(match("GET", "/", null, Map.of("X-Version", "BETA-7"))
                        .route()
                        .id())
                .isEqualTo(regex);
        assertThat(match("GET", "/", null, Map.of("x-version", "v1", "x-region", "EU"))
                        .route()
                        .id())
                .isEqualTo(two);
        assertThat(match("GET", "/", null, Map.of("x-version", "v3"))).isNull();
    }

    @Test
    void routesWithMixedPathsAreSplitByRegexOrLength() {
        // One route with /a and /abcd: its /abcd part has its own (longer) priority and beats /abc of another route.
        String mixed = route("{\"paths\":[\"/a\",\"/abcd\"]}");
        String other = route("{\"paths\":[\"/abc\"]}");
        assertThat(matchedId("GET", "/abcdef", null)).isEqualTo(mixed);
        assertThat(matchedId("GET", "/abcx", null)).isEqualTo(other);
        assertThat(matchedId("GET", "/ax", null)).isEqualTo(mixed);
        assertThat(Router.build(sources, null).size()).isEqualTo(3);
    }

    @Test
    void tiesAreBrokenByTheHigherRouteId() {
        route("{\"id\":\"00000000-0000-4000-8000-000000000001\",\"paths\":[\"/same\"]}");
        route("{\"id\":\"00000000-0000-4000-8000-000000000002\",\"paths\":[\"/same\"]}");
        assertThat(matchedId("GET", "/same", null)).isEqualTo("00000000-0000-4000-8000-000000000002");
    }

    @Test
    void streamRoutesAreNotInTheHttpRouter() {
        route("{\"protocols\":[\"tcp\"],\"destinations\":[{\"port\":5432}]}");
        assertThat(Router.build(sources, null).size()).isZero();
    }

    @Test
    void routesWithoutAnyProtocolAreNotInTheHttpRouter() {
        // the schema refuses protocols: [] (len_min = 1), but the router must agree with the plugin iterator about what
        // an empty list means: Kong's should_process_route finds no http protocol in it (kong/runloop/handler.lua)
        route("{\"protocols\":[],\"paths\":[\"/none\"]}");
        String http = route("{\"protocols\":[\"http\"],\"paths\":[\"/http\"]}");
        assertThat(Router.build(sources, null).size()).isEqualTo(1);
        assertThat(matchedId("GET", "/none", null)).isNull();
        assertThat(matchedId("GET", "/http", null)).isEqualTo(http);
    }

    @Test
    void sniOnlyMattersOverHttps() {
        String sni = route("{\"protocols\":[\"https\"],\"snis\":[\"secure.test\"]}");
        Router router = Router.build(sources, null);
        RouteRequest.Headers none = sink -> {};
        assertThat(router.match(new RouteRequest("GET", "/", "x", 8443, "https", "secure.test", none))
                        .route()
                        .id())
                .isEqualTo(sni);
        assertThat(router.match(new RouteRequest("GET", "/", "x", 8443, "https", "other.test", none)))
                .isNull();
        assertThat(router.match(new RouteRequest("GET", "/", "x", 8000, "http", null, none)))
                .isNotNull();
    }

    /**
     * The {@code path_handling = v0} table of the route docs (service path, route path, request, strip_path ->
     * upstream path) and {@code get_upstream_uri_v0}.
     */
    @ParameterizedTest(name = "service {0}, route {1}, request {2}, strip {3} -> {4}")
    @CsvSource({
        "/s,  /fv0,  /fv0req,   false, /s/fv0req",
        "/s,  /fv0,  /fv0/req,  false, /s/fv0/req",
        "/s,  /fv0/, /fv0/req,  false, /s/fv0/req",
        "/s,  /tv0,  /tv0,      true,  /s",
        "/s,  /tv0,  /tv0/,     true,  /s/",
        "/s,  /tv0,  /tv0req,   true,  /s/req",
        "/s,  /tv0,  /tv0/req,  true,  /s/req",
        "/s,  /tv0/, /tv0/,     true,  /s/",
        "/s,  /tv0/, /tv0/req,  true,  /s/req",
        "/s/, /fv0,  /fv0req,   false, /s/fv0req",
        "/s/, /fv0,  /fv0/req,  false, /s/fv0/req",
        "/s/, /tv0,  /tv0,      true,  /s",
        "/s/, /tv0,  /tv0/,     true,  /s/",
        "/s/, /tv0,  /tv0req,   true,  /s/req",
        "/s/, /tv0,  /tv0/req,  true,  /s/req",
        "/s/, /tv0/, /tv0/req,  true,  /s/req",
        "/,   /service, /service/path/to/resource, true, /path/to/resource",
        "/,   /,     /,         true,  /",
        "/,   /,     /foo,      true,  /foo",
        "/,   /,     /foo,      false, /foo",
    })
    void upstreamPathV0(String service, String routePath, String request, boolean strip, String expected) {
        assertThat(UpstreamPath.of(strip, strip ? routePath : null, request, service))
                .isEqualTo(expected);
    }

    @Test
    void upstreamPathEscapesOtherCharacters() {
        assertThat(UpstreamPath.escape("/a b/ü/%2F")).isEqualTo("/a%20b/%C3%BC/%2F");
        assertThat(UpstreamPath.escape("/plain-path_1.2~x")).isEqualTo("/plain-path_1.2~x");
    }

    @Test
    void regexLiteralPrefixes() {
        assertThat(RegexPrefix.of("/api/v\\d+/users")).isEqualTo("/api/v");
        assertThat(RegexPrefix.of("/files/\\.well-known")).isEqualTo("/files/.well-known");
        assertThat(RegexPrefix.of("/ab?c")).isEqualTo("/a");
        assertThat(RegexPrefix.of("/ab+c")).isEqualTo("/ab");
        assertThat(RegexPrefix.of("/a|/b")).isEmpty();
        assertThat(RegexPrefix.of("(?i)/abc")).isEmpty();
    }

    @Test
    void manyRoutesStillFindTheRightOne() {
        for (int i = 0; i < 2000; i++) {
            route("{\"id\":\"" + new UUID(0, i + 1) + "\",\"paths\":[\"/svc-" + i + "/\"],\"methods\":[\"GET\"],"
                    + "\"hosts\":[\"h" + (i % 10) + ".test\"]}");
        }
        route("{\"paths\":[\"~/svc-\\\\d+/special$\"],\"hosts\":[\"h3.test\"],\"methods\":[\"GET\"]}");
        assertThat(matchedId("GET", "/svc-1233/x", "h3.test")).isEqualTo(new UUID(0, 1234).toString());
        assertThat(matchedId("GET", "/svc-1233/x", "h4.test")).isNull();
        assertThat(match("GET", "/svc-13/special", "h3.test").matchedPath()).isEqualTo("/svc-13/special");
    }
}
