package dev.gatehouse.app.routeauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.routeauth.RouteAuthentication.Applied;
import dev.gatehouse.app.routeauth.RouteAuthentication.Scope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule "this route accepts anonymous requests", case by case as Kong's plugin iterator decides which instance
 * runs (kong/runloop/plugins_iterator.lua {@code lookup_cfg} and {@code should_process_plugin}).
 */
class RouteAuthenticationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode ROUTE = json("{\"id\":\"r1\",\"service\":{\"id\":\"s1\"}}");
    private static final JsonNode SERVICELESS_ROUTE = json("{\"id\":\"r2\",\"service\":null}");

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A plugin as the Admin API lists it: unset scopes are null. */
    private static JsonNode plugin(String name, String route, String service, String consumer, boolean enabled) {
        return json("{\"id\":\"" + name + "-" + route + service + consumer + "\",\"name\":\"" + name + "\",\"route\":"
                + ref(route) + ",\"service\":" + ref(service) + ",\"consumer\":" + ref(consumer) + ",\"enabled\":"
                + enabled + "}");
    }

    private static String ref(String id) {
        return id == null ? "null" : "{\"id\":\"" + id + "\"}";
    }

    private static RouteAuthentication rule(JsonNode... plugins) {
        return new RouteAuthentication(List.of(plugins));
    }

    @Test
    void noPluginsAtAllMeansAnonymous() {
        assertThat(rule().isAnonymous(ROUTE)).isTrue();
    }

    @Test
    void anAuthPluginOnTheRouteOnItsServiceOrGlobalAuthenticates() {
        assertThat(rule(plugin("key-auth", "r1", null, null, true)).applying(ROUTE))
                .extracting(Applied::plugin, Applied::scope)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("key-auth", Scope.ROUTE));
        assertThat(rule(plugin("jwt", null, "s1", null, true)).applying(ROUTE))
                .extracting(Applied::scope)
                .containsExactly(Scope.SERVICE);
        assertThat(rule(plugin("basic-auth", null, null, null, true)).applying(ROUTE))
                .extracting(Applied::scope)
                .containsExactly(Scope.GLOBAL);
        // A route without a service still gets the global instance (lookup_cfg falls back to the global key).
        assertThat(rule(plugin("basic-auth", null, null, null, true)).isAnonymous(SERVICELESS_ROUTE))
                .isFalse();
    }

    @Test
    void everyKongAuthenticationPluginCounts() {
        for (String name : List.of(
                "key-auth", "basic-auth", "jwt", "hmac-auth", "oauth2", "ldap-auth", "openid-connect", "mtls-auth")) {
            assertThat(rule(plugin(name, "r1", null, null, true)).isAnonymous(ROUTE))
                    .as(name)
                    .isFalse();
        }
    }

    @Test
    void pluginsThatDoNotAuthenticateDoNotCount() {
        // acl only narrows who an authenticated consumer may be; rate-limiting and cors let anyone through.
        assertThat(rule(
                                plugin("acl", "r1", null, null, true),
                                plugin("rate-limiting", null, null, null, true),
                                plugin("cors", null, "s1", null, true))
                        .isAnonymous(ROUTE))
                .isTrue();
    }

    @Test
    void aDisabledPluginDoesNotCountAndDoesNotHideAnEnabledLessSpecificOne() {
        // should_process_plugin skips enabled = false: the instance is not in the iterator's combos at all.
        assertThat(rule(plugin("key-auth", "r1", null, null, false)).isAnonymous(ROUTE))
                .isTrue();
        assertThat(rule(plugin("key-auth", "r1", null, null, false), plugin("key-auth", null, null, null, true))
                        .applying(ROUTE))
                .extracting(Applied::scope)
                .containsExactly(Scope.GLOBAL);
    }

    @Test
    void consumerScopedPluginsDoNotAuthenticate() {
        // They run only once a consumer is identified (lookup_cfg's consumer combos need consumer_id).
        assertThat(rule(
                                plugin("key-auth", null, null, "c1", true),
                                plugin("jwt", "r1", null, "c1", true),
                                plugin("basic-auth", null, "s1", "c1", true))
                        .isAnonymous(ROUTE))
                .isTrue();
    }

    @Test
    void pluginsOnOtherRoutesOrServicesDoNotApply() {
        assertThat(rule(plugin("key-auth", "r9", null, null, true), plugin("jwt", null, "s9", null, true))
                        .isAnonymous(ROUTE))
                .isTrue();
        // route+service is one compound key: both must be this route's.
        assertThat(rule(plugin("key-auth", "r1", "s9", null, true)).isAnonymous(ROUTE))
                .isTrue();
        assertThat(rule(plugin("key-auth", "r1", "s1", null, true)).applying(ROUTE))
                .extracting(Applied::scope)
                .containsExactly(Scope.ROUTE_AND_SERVICE);
    }

    @Test
    void theMostSpecificInstanceOfANameIsTheOneThatRuns() {
        JsonNode global = plugin("key-auth", null, null, null, true);
        JsonNode service = plugin("key-auth", null, "s1", null, true);
        JsonNode route = plugin("key-auth", "r1", null, null, true);
        List<Applied> applied = rule(global, service, route).applying(ROUTE);
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).instance()).isSameAs(route);
        assertThat(rule(global, service).applying(ROUTE).get(0).instance()).isSameAs(service);
    }

    @Test
    void countsTheAnonymousRoutes() {
        List<JsonNode> routes = new ArrayList<>(List.of(ROUTE, SERVICELESS_ROUTE));
        routes.add(json("{\"id\":\"r3\",\"service\":{\"id\":\"s1\"}}"));
        assertThat(rule(plugin("key-auth", null, "s1", null, true)).anonymousCount(routes))
                .isEqualTo(1);
        assertThat(rule().anonymousCount(routes)).isEqualTo(3);
    }

    @Test
    void equalWhenTheSameAuthenticationPluginsArePresent() {
        JsonNode keyAuth = plugin("key-auth", "r1", null, null, true);
        assertThat(rule(keyAuth, plugin("cors", null, null, null, true))).isEqualTo(rule(keyAuth));
        assertThat(rule(keyAuth)).isNotEqualTo(rule());
    }
}
