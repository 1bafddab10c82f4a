package dev.gatehouse.gateway.plugin.ratelimiting;

import dev.gatehouse.gateway.json.LuaNumber;
import dev.gatehouse.gateway.plugin.Client;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.plugin.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * rate-limiting's access phase ({@code kong/plugins/rate-limiting/handler.lua}): reads the usage of every configured
 * period, sets {@code X-RateLimit-Limit-<Period>}, {@code X-RateLimit-Remaining-<Period>} and the IETF
 * {@code RateLimit-Limit/Remaining/Reset} headers for the most constrained period, answers {@code error_code}
 * ({@code 429}) with {@code Retry-After} when a limit is reached, and otherwise counts the request.
 */
final class RateLimitingHandler implements PluginHandler {

    private static final String EMPTY_UUID = "00000000-0000-0000-0000-000000000000";
    private static final Map<String, Long> EXPIRATION =
            Map.of("second", 1L, "minute", 60L, "hour", 3600L, "day", 86400L, "month", 2592000L, "year", 31536000L);

    private final LocalCounters counters;
    private final Map<String, Double> limits;
    private final String limitBy;
    private final String headerName;
    private final String path;
    private final boolean hideHeaders;
    private final int errorCode;
    private final String errorMessage;
    private final String scope;

    RateLimitingHandler(PluginInstance instance, RateLimitingConfig config, LocalCounters counters) {
        this.counters = counters;
        this.limits = config.limits();
        this.limitBy = config.limitBy();
        this.headerName = config.headerName();
        this.path = config.path();
        this.hideHeaders = config.hideClientHeaders();
        this.errorCode = config.errorCode();
        this.errorMessage = config.errorMessage();
        this.scope = (instance.routeId() == null ? EMPTY_UUID : instance.routeId()) + ":"
                + (instance.serviceId() == null ? EMPTY_UUID : instance.serviceId());
    }

    @Override
    public void access(PluginContext ctx) {
        long now = System.currentTimeMillis();
        String identifier = identifier(ctx);
        ZonedDateTime t = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC);
        record Usage(String period, double limit, double remaining, long windowStart) {}
        Usage[] usages = new Usage[limits.size()];
        String stop = null;
        int i = 0;
        for (Map.Entry<String, Double> e : limits.entrySet()) {
            long windowStart = windowStart(e.getKey(), t);
            long used = counters.usage(key(identifier, windowStart, e.getKey()));
            double remaining = e.getValue() - used;
            usages[i++] = new Usage(e.getKey(), e.getValue(), remaining, windowStart);
            if (remaining <= 0) {
                stop = e.getKey();
            }
        }
        long reset = 0;
        Response response = ctx.response();
        if (!hideHeaders) {
            Double limit = null;
            double remaining = 0;
            long window = 0;
            for (Usage u : usages) {
                double currentRemaining = u.remaining();
                if (stop == null || stop.equals(u.period())) {
                    currentRemaining -= 1;
                }
                currentRemaining = Math.max(0, currentRemaining);
                long currentWindow = EXPIRATION.get(u.period());
                if (limit == null
                        || currentRemaining < remaining
                        || (currentRemaining == remaining && currentWindow > window)) {
                    limit = u.limit();
                    window = currentWindow;
                    remaining = currentRemaining;
                    reset = Math.max(1, window - (now - u.windowStart()) / 1000);
                }
                String suffix =
                        Character.toUpperCase(u.period().charAt(0)) + u.period().substring(1);
                response.setHeader("X-RateLimit-Limit-" + suffix, LuaNumber.format(u.limit()));
                response.setHeader("X-RateLimit-Remaining-" + suffix, LuaNumber.format(currentRemaining));
            }
            response.setHeader("RateLimit-Limit", LuaNumber.format(limit));
            response.setHeader("RateLimit-Remaining", LuaNumber.format(remaining));
            response.setHeader("RateLimit-Reset", Long.toString(reset));
        }
        if (stop != null) {
            if (!hideHeaders) {
                response.setHeader("Retry-After", Long.toString(reset));
            }
            response.error(errorCode, errorMessage, null);
            return;
        }
        for (Usage u : usages) {
            counters.increment(
                    key(identifier, u.windowStart(), u.period()),
                    u.windowStart() + EXPIRATION.get(u.period()) * 1000,
                    now);
        }
    }

    private String key(String identifier, long windowStart, String period) {
        return "ratelimit:" + scope + ":" + identifier + ":" + windowStart + ":" + period;
    }

    /** Kong's {@code get_identifier}: falls back to the client IP. */
    private String identifier(PluginContext ctx) {
        Client client = ctx.client();
        String id = switch (limitBy) {
            case "service" -> ctx.service() == null ? null : ctx.service().id();
            case "consumer" ->
                client.consumer() != null
                        ? client.consumer().id()
                        : client.credential() != null ? client.credential().id() : null;
            case "credential" ->
                client.credential() == null ? null : client.credential().id();
            case "header" -> headerName == null ? null : ctx.request().header(headerName);
            case "path" -> path != null && path.equals(ctx.request().path()) ? path : null;
            default -> null;
        };
        return id != null ? id : client.ip();
    }

    /** Kong's {@code timestamp.get_timestamps}: the start (epoch ms, UTC) of the period containing {@code t}. */
    static long windowStart(String period, ZonedDateTime t) {
        ZonedDateTime s = switch (period) {
            case "second" -> t.withNano(0);
            case "minute" -> t.withSecond(0).withNano(0);
            case "hour" -> t.withMinute(0).withSecond(0).withNano(0);
            case "day" -> t.toLocalDate().atStartOfDay(ZoneOffset.UTC);
            case "month" -> t.toLocalDate().withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC);
            default -> t.toLocalDate().withDayOfYear(1).atStartOfDay(ZoneOffset.UTC);
        };
        return s.toInstant().toEpochMilli();
    }
}
