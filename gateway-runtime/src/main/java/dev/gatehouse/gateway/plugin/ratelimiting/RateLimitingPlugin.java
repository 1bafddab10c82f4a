package dev.gatehouse.gateway.plugin.ratelimiting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.EntityCheck;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldPatch;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rate-limiting plugin (Kong's {@code kong/plugins/rate-limiting}, priority 910) with the {@code local} policy:
 * counters in this process, per route/service scope, identifier and period window. The {@code cluster} and
 * {@code redis} policies are not offered (as Kong's DB-less mode does not offer {@code cluster}): a configuration
 * asking for them gets Kong's {@code expected one of} error.
 */
public final class RateLimitingPlugin extends BundledPlugin {

    public static final String NAME = "rate-limiting";
    static final List<String> PERIODS = List.of("second", "minute", "hour", "day", "month", "year");

    private static final Field TIMEOUT = Field.integer()
            .between(0, 2147483646)
            .description("An integer representing a timeout in milliseconds. Must be between 0 and 2^31-2.")
            .build();

    private static final Field REDIS = Field.record(List.of(
                    NamedField.of("host", Typedefs.HOST),
                    NamedField.of(
                            "port", Typedefs.PORT.with().defaultValue(6379).build()),
                    NamedField.of("timeout", TIMEOUT.with().defaultValue(2000).build()),
                    NamedField.of(
                            "username",
                            Field.string()
                                    .referenceable()
                                    .description("Username to use for Redis connections."
                                            + " If undefined, ACL authentication won't be performed. This requires Redis v6.0.0+. To be compatible with"
                                            + " Redis v5.x.y, you can set it to `default`.")),
                    NamedField.of(
                            "password",
                            Field.string()
                                    .encrypted()
                                    .referenceable()
                                    .lenMin(0)
                                    .description(
                                            "Password to use"
                                                    + " for Redis connections. If undefined, no AUTH commands are sent to Redis.")),
                    NamedField.of(
                            "database",
                            Field.integer()
                                    .defaultValue(0)
                                    .description("Database to use for the Redis"
                                            + " connection when using the `redis` strategy")),
                    NamedField.of(
                            "ssl",
                            Field.bool()
                                    .required(false)
                                    .defaultValue(false)
                                    .description("If set to true, uses SSL" + " to connect to Redis.")),
                    NamedField.of(
                            "ssl_verify",
                            Field.bool()
                                    .required(false)
                                    .defaultValue(false)
                                    .description("If set to true,"
                                            + " verifies the validity of the server SSL certificate.")),
                    NamedField.of(
                            "server_name", Typedefs.HOST.with().required(false).build())))
            .description("Redis configuration")
            .build();

    private static final Schema SCHEMA = buildSchema();

    private final LocalCounters counters = new LocalCounters();

    private static Schema buildSchema() {
        List<NamedField> config = new ArrayList<>();
        for (String p : PERIODS) {
            config.add(NamedField.of(
                    p,
                    Field.builder(FieldType.NUMBER)
                            .gt(0)
                            .description("The number of HTTP requests that can be made per " + p + ".")));
        }
        config.add(NamedField.of(
                "limit_by",
                Field.string()
                        .defaultValue("consumer")
                        .oneOf("consumer", "credential", "ip", "service", "header", "path")
                        .description("The entity that is used when aggregating the limits.")));
        config.add(NamedField.of("header_name", Typedefs.HEADER_NAME_FIELD));
        config.add(NamedField.of("path", Typedefs.PATH));
        config.add(NamedField.of(
                "policy",
                Field.string()
                        .defaultValue("local")
                        .lenMin(0)
                        .oneOf("local")
                        .description("The rate-limiting policies to use for retrieving and incrementing the limits.")));
        config.add(NamedField.of(
                "fault_tolerant",
                Field.bool()
                        .required(true)
                        .defaultValue(true)
                        .description(
                                "A boolean value that determines if the requests should be proxied even if Kong has troubles"
                                        + " connecting a third-party data store. If `true`, requests will be proxied anyway, effectively"
                                        + " disabling the rate-limiting function until the data store is working again. If `false`, then the"
                                        + " clients will see `500` errors.")));
        config.add(NamedField.of("redis", REDIS));
        config.add(NamedField.of(
                "hide_client_headers",
                Field.bool()
                        .required(true)
                        .defaultValue(false)
                        .description("Optionally hide informative response headers.")));
        config.add(NamedField.of(
                "error_code",
                Field.builder(FieldType.NUMBER)
                        .defaultValue(429)
                        .gt(0)
                        .description("Set a custom error code to return when the rate limit is exceeded.")));
        config.add(NamedField.of(
                "error_message",
                Field.string()
                        .defaultValue("API rate limit exceeded")
                        .description("Set a custom error message to return when the rate limit is exceeded.")));
        config.add(NamedField.of(
                "sync_rate",
                Field.builder(FieldType.NUMBER)
                        .required(true)
                        .defaultValue(-1)
                        .description(
                                "How often to sync counter data to the central data store. A value of -1 results in"
                                        + " synchronous behavior.")));
        Schema.Builder b = Schema.builder(NAME)
                .field("protocols", Typedefs.PROTOCOLS_HTTP)
                .field("config", Field.record(config).customValidator(RateLimitingPlugin::validatePeriodsOrder));
        List<String> atLeastOne = new ArrayList<>();
        PERIODS.forEach(p -> atLeastOne.add("config." + p));
        b.entityCheck(new EntityCheck.AtLeastOneOf(atLeastOne));
        for (String f : List.of("host", "port", "timeout")) {
            b.entityCheck(new EntityCheck.Conditional(
                    "config.policy", FieldPatch.eq("redis"), "config.redis." + f, FieldPatch.required(), null));
        }
        b.entityCheck(new EntityCheck.Conditional(
                "config.limit_by", FieldPatch.eq("header"), "config.header_name", FieldPatch.required(), null));
        b.entityCheck(new EntityCheck.Conditional(
                "config.limit_by", FieldPatch.eq("path"), "config.path", FieldPatch.required(), null));
        return b.build();
    }

    /** Kong's {@code validate_periods_order}: a longer period may not allow fewer requests than a shorter one. */
    static String validatePeriodsOrder(JsonNode config) {
        for (int i = 0; i < PERIODS.size(); i++) {
            JsonNode v1 = config.get(PERIODS.get(i));
            if (v1 == null || !v1.isNumber()) {
                continue;
            }
            for (int j = i + 1; j < PERIODS.size(); j++) {
                JsonNode v2 = config.get(PERIODS.get(j));
                if (v2 != null && v2.isNumber() && v2.asDouble() < v1.asDouble()) {
                    return String.format(
                            Locale.ROOT,
                            "The limit for %s(%.1f) cannot be lower than the limit for %s(%.1f)",
                            PERIODS.get(j),
                            v2.asDouble(),
                            PERIODS.get(i),
                            v1.asDouble());
                }
            }
        }
        JsonNode sync = config.get("sync_rate");
        if (!"redis".equals(config.path("policy").asText())
                && sync != null
                && sync.isNumber()
                && sync.asDouble() != -1) {
            return "sync_rate can only be used with the redis policy";
        }
        return null;
    }

    public RateLimitingPlugin() {
        super(NAME, 910, SCHEMA, List.of());
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new RateLimitingHandler(instance, RateLimitingConfig.of(instance.config()), counters);
    }

    @Override
    public void close() {
        counters.clear();
    }
}
