package dev.gatehouse.gateway.plugin.proxycache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.admin.AdminApi;
import dev.gatehouse.gateway.admin.AdminRequest;
import dev.gatehouse.gateway.admin.AdminResponse;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.EntityCheck;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy-cache plugin (Kong's {@code kong/plugins/proxy-cache}, priority 100), strategy {@code memory} (the only
 * one Kong OSS has): responses cached in named in-memory dictionaries that outlive configuration changes, each
 * bounded to {@link #DICTIONARY_BYTES} with least-recently-used eviction, and Kong's Admin API endpoints
 * ({@code kong/plugins/proxy-cache/api.lua}): {@code DELETE /proxy-cache}, {@code GET|DELETE /proxy-cache/:cache_key}
 * and {@code GET|DELETE /proxy-cache/:plugin_id/caches/:cache_key}.
 */
public final class ProxyCachePlugin extends BundledPlugin implements AdminApi.Extension {

    public static final String NAME = "proxy-cache";

    /**
     * The bound of one dictionary: a quarter of Kong's {@code mem_cache_size} default (128m, the size of
     * {@code kong_db_cache}), since here the cache shares the JVM heap with the proxy's buffers.
     */
    static final long DICTIONARY_BYTES = 32L * 1024 * 1024;

    /** The shared dictionaries of Kong's default nginx template ({@code kong/templates/nginx_kong.lua}). */
    private static final Set<String> SHARED_DICTS = Set.of(
            "kong",
            "kong_locks",
            "kong_healthchecks",
            "kong_cluster_events",
            "kong_rate_limiting_counters",
            "kong_core_db_cache",
            "kong_core_db_cache_miss",
            "kong_db_cache",
            "kong_db_cache_miss",
            "kong_secrets",
            "kong_dns_cache");

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("protocols", Typedefs.PROTOCOLS_FIELD)
            .field(
                    "config",
                    Field.record(List.of(
                            NamedField.of(
                                    "response_code",
                                    Field.builder(FieldType.ARRAY)
                                            .description("Upstream response status code considered cacheable.")
                                            .defaultValue(Json.array()
                                                    .add(200)
                                                    .add(301)
                                                    .add(404))
                                            .elements(Field.integer()
                                                    .between(100, 900)
                                                    .build())
                                            .lenMin(1)
                                            .required(true)),
                            NamedField.of(
                                    "request_method",
                                    Field.builder(FieldType.ARRAY)
                                            .description("Downstream request methods considered cacheable.")
                                            .defaultValue(Field.stringArray("GET", "HEAD"))
                                            .elements(Field.string()
                                                    .oneOf("HEAD", "GET", "POST", "PATCH", "PUT")
                                                    .build())
                                            .required(true)),
                            NamedField.of(
                                    "content_type",
                                    Field.builder(FieldType.ARRAY)
                                            .description(
                                                    "Upstream response content types considered cacheable. The"
                                                            + " plugin performs an **exact match** against each specified value.")
                                            .defaultValue(Field.stringArray("text/plain", "application/json"))
                                            .elements(Field.string().build())
                                            .required(true)),
                            NamedField.of(
                                    "cache_ttl",
                                    Field.integer()
                                            .description("TTL, in seconds, of cache entities.")
                                            .defaultValue(300)
                                            .gt(0)),
                            NamedField.of(
                                    "strategy",
                                    Field.string()
                                            .description("The backing data store in which to hold cache entities.")
                                            .oneOf("memory")
                                            .required(true)),
                            NamedField.of(
                                    "cache_control",
                                    Field.bool()
                                            .description(
                                                    "When enabled, respect the Cache-Control behaviors defined in RFC7234.")
                                            .defaultValue(false)
                                            .required(true)),
                            NamedField.of(
                                    "ignore_uri_case",
                                    Field.bool().defaultValue(false).required(false)),
                            NamedField.of(
                                    "storage_ttl",
                                    Field.integer()
                                            .description("Number of seconds to keep resources in the storage backend."
                                                    + " This value is independent of `cache_ttl` or resource TTLs"
                                                    + " defined by Cache-Control behaviors.")),
                            NamedField.of(
                                    "memory",
                                    Field.record(List.of(NamedField.of(
                                            "dictionary_name",
                                            Field.string()
                                                    .description("The name of the shared dictionary in which to hold"
                                                            + " cache entities when the memory strategy is selected."
                                                            + " Note that this dictionary currently must be defined"
                                                            + " manually in the Kong Nginx template.")
                                                    .required(true)
                                                    .defaultValue("kong_db_cache"))))),
                            NamedField.of(
                                    "vary_query_params",
                                    Field.builder(FieldType.ARRAY)
                                            .description("Relevant query parameters considered for the cache key. If"
                                                    + " undefined, all params are taken into consideration.")
                                            .elements(Field.string().build())),
                            NamedField.of(
                                    "vary_headers",
                                    Field.builder(FieldType.ARRAY)
                                            .description("Relevant headers considered for the cache key. If undefined,"
                                                    + " none of the headers are taken into consideration.")
                                            .elements(Field.string().build())),
                            NamedField.of(
                                    "response_headers",
                                    Field.record(List.of(
                                                    NamedField.of(
                                                            "age", Field.bool().defaultValue(true)),
                                                    NamedField.of(
                                                            "X-Cache-Status",
                                                            Field.bool().defaultValue(true)),
                                                    NamedField.of(
                                                            "X-Cache-Key",
                                                            Field.bool().defaultValue(true))))
                                            .description("Caching related diagnostic headers that should be included"
                                                    + " in cached responses")))))
            .entityCheck(new EntityCheck.Custom(List.of("config"), false, ProxyCachePlugin::checkDictionary))
            .build();

    private final Map<String, MemoryCache> dictionaries = new ConcurrentHashMap<>();
    /** The dictionary each configured instance uses, for {@code /proxy-cache/:plugin_id/caches/:cache_key}. */
    private final Map<String, String> dictionaryOfPlugin = new ConcurrentHashMap<>();

    public ProxyCachePlugin() {
        super(NAME, 100, SCHEMA, List.of());
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        ProxyCacheConfig config = ProxyCacheConfig.of(instance.config());
        dictionaryOfPlugin.put(instance.id(), config.dictionaryName());
        return new ProxyCacheHandler(config, dictionary(config.dictionaryName()), System::currentTimeMillis);
    }

    private MemoryCache dictionary(String name) {
        return dictionaries.computeIfAbsent(name, n -> new MemoryCache(DICTIONARY_BYTES));
    }

    /** schema.lua's {@code custom_entity_check}: the memory strategy's dictionary must exist in the nginx template. */
    static String checkDictionary(ObjectNode entity) {
        JsonNode config = entity.path("config");
        if ("memory".equals(config.path("strategy").asText())) {
            String name = config.path("memory").path("dictionary_name").asText();
            if (!SHARED_DICTS.contains(name)) {
                return "missing shared dict '" + name + "'";
            }
        }
        return null;
    }

    @Override
    public void register(AdminApi.Registrar r) {
        r.add("/proxy-cache", "DELETE", (req, uri, post, json) -> {
            dictionaries.values().forEach(MemoryCache::flush);
            return AdminResponse.empty(204);
        });
        r.add("/proxy-cache/:cache_key", "GET", (req, uri, post, json) -> {
            String key = segment(req, 1);
            long now = System.currentTimeMillis();
            for (MemoryCache c : dictionaries.values()) {
                CachedResponse res = c.fetch(key, now);
                if (res != null) {
                    return AdminResponse.of(200, res.toJson());
                }
            }
            return AdminResponse.empty(404);
        });
        r.add("/proxy-cache/:cache_key", "DELETE", (req, uri, post, json) -> {
            String key = segment(req, 1);
            long now = System.currentTimeMillis();
            for (MemoryCache c : dictionaries.values()) {
                if (c.fetch(key, now) != null) {
                    c.purge(key);
                    return AdminResponse.empty(204);
                }
            }
            return AdminResponse.empty(404);
        });
        r.add("/proxy-cache/:plugin_id/caches/:cache_key", "GET", (req, uri, post, json) -> {
            MemoryCache c = ofPlugin(segment(req, 1));
            CachedResponse res = c == null ? null : c.fetch(segment(req, 3), System.currentTimeMillis());
            return res == null ? AdminResponse.empty(404) : AdminResponse.of(200, res.toJson());
        });
        r.add("/proxy-cache/:plugin_id/caches/:cache_key", "DELETE", (req, uri, post, json) -> {
            MemoryCache c = ofPlugin(segment(req, 1));
            String key = segment(req, 3);
            if (c == null || c.fetch(key, System.currentTimeMillis()) == null) {
                return AdminResponse.empty(404);
            }
            c.purge(key);
            return AdminResponse.empty(204);
        });
    }

    private MemoryCache ofPlugin(String pluginId) {
        String name = dictionaryOfPlugin.get(pluginId);
        return name == null ? null : dictionaries.get(name);
    }

    private static String segment(AdminRequest req, int n) {
        String path = req.rawPath();
        int q = path.indexOf('?');
        String[] parts = (q < 0 ? path : path.substring(0, q)).substring(1).split("/");
        return n < parts.length ? parts[n] : "";
    }
}
