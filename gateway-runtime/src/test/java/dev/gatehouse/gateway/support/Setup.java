package dev.gatehouse.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Admin API shortcuts for proxy tests: a service and route per test, isolated by a host name of their own. */
public final class Setup {

    private final EmbeddedGateway gw;
    private final AdminClient admin;

    public Setup(EmbeddedGateway gw) {
        this.gw = gw;
        this.admin = gw.admin();
    }

    /** A fresh host name for a test's route. */
    public static String host() {
        return "h-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    public String service(String url, Object... fields) {
        Map<String, Object> body = map(fields);
        body.put("url", url);
        return create("/services", body);
    }

    /** A route on {@code host} with path {@code /} for the test upstream's service. */
    public String routeOnHost(String host, Object... fields) {
        String sid = service(gw.upstream().url());
        Map<String, Object> body = map(fields);
        body.put("hosts", new String[] {host});
        body.putIfAbsent("paths", new String[] {"/"});
        body.put("service", Map.of("id", sid));
        return create("/routes", body);
    }

    public String plugin(String path, String name, Map<String, Object> config) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (config != null) {
            body.put("config", config);
        }
        return create(path, body);
    }

    public String consumer(String username, Object... fields) {
        Map<String, Object> body = map(fields);
        body.put("username", username);
        return create("/consumers", body);
    }

    public String key(String consumer, String key, Object... fields) {
        Map<String, Object> body = map(fields);
        body.put("key", key);
        return create("/consumers/" + consumer + "/key-auth", body);
    }

    public String create(String path, Map<String, Object> body) {
        AdminClient.Resp r = admin.post(path, body);
        assertThat(r.status()).as("POST %s: %s", path, r.text()).isEqualTo(201);
        gw.synced();
        return r.json().get("id").asText();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
