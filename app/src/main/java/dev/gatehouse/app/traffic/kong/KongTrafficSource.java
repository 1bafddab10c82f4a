package dev.gatehouse.app.traffic.kong;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.TrafficWatch;
import dev.gatehouse.app.traffic.remote.CollectorAddress;
import dev.gatehouse.app.traffic.remote.ConnectionBoundSource;
import dev.gatehouse.app.traffic.remote.LedgerEntry;
import dev.gatehouse.app.traffic.remote.RemoteWatch;
import dev.gatehouse.app.traffic.remote.WatchLedger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Watches a remote Kong: binds an {@link HttpLogCollector}, then adds an {@code http-log} plugin (globally or on one
 * service) that posts Kong's basic log serializer to it. The plugin's id is chosen here, so the ledger names it
 * before it exists; it is tagged {@link WatchLedger#TAG} and with the console's tag. Closing deletes the plugin,
 * stops the collector and clears the ledger entry.
 */
public final class KongTrafficSource implements ConnectionBoundSource {

    /** How long one Admin API call may take before the watch gives up. */
    static final long CALL_TIMEOUT_SECONDS = RemoteWatch.CALL_TIMEOUT_SECONDS;

    private final ConnectedApis apis;
    private final GatewayRepository gateway;
    private final String connectionId;
    private final KongScope scope;
    private final CollectorAddress address;
    private final WatchLedger ledger;

    public KongTrafficSource(
            ConnectedApis apis, String connectionId, KongScope scope, CollectorAddress address, WatchLedger ledger) {
        this.apis = apis;
        this.gateway = apis.gateway().orElseThrow(() -> new IllegalArgumentException("no gateway on this connection"));
        this.connectionId = connectionId;
        this.scope = scope;
        this.address = address;
        this.ledger = ledger;
    }

    @Override
    public ConnectedApis apis() {
        return apis;
    }

    @Override
    public TrafficWatch start(TrafficSink sink) throws Exception {
        String token = token();
        HttpLogCollector collector =
                HttpLogCollector.start(address, token, sink, HttpLogCollector.DEFAULT_MAX_BODY_BYTES);
        LedgerEntry entry = new LedgerEntry(
                LedgerEntry.Kind.HTTP_LOG_PLUGIN,
                connectionId,
                UUID.randomUUID().toString(),
                "",
                scope.describe(),
                Instant.now());
        try {
            return RemoteWatch.open(
                    ledger, entry, collector, () -> new Plugin(add(entry.id(), collector, token), collector));
        } catch (Exception e) {
            if (UiTasks.unwrap(e) instanceof GatewayException g && g.isUniqueViolation()) {
                // Kong's plugins are unique by name and scope (the cache key in kong/db/schema/entities/plugins.lua)
                throw new IllegalStateException(
                        "The gateway at " + gateway.address() + " already has an http-log plugin " + scope.describe()
                                + ", and Kong allows one per scope: watch "
                                + (scope.isGlobal() ? "one service" : "globally or another service")
                                + ", or remove that plugin.",
                        e);
            }
            throw new IllegalStateException(
                    "Could not add the http-log plugin to the gateway at " + gateway.address() + ": " + reason(e), e);
        }
    }

    /**
     * Adds the plugin; a gateway older than Kong 3.3 has no {@code queue} record (an unknown field there), so it gets
     * the legacy {@code queue_size} and {@code flush_timeout} instead.
     */
    private String add(String id, HttpLogCollector collector, String token) throws Exception {
        try {
            return create(plugin(id, collector, token, false));
        } catch (Exception e) {
            if (UiTasks.unwrap(e) instanceof GatewayException g
                    && g.fieldErrors().keySet().stream().anyMatch(f -> f.startsWith("config.queue"))) {
                return create(plugin(id, collector, token, true));
            }
            throw e;
        }
    }

    private String create(ObjectNode plugin) throws Exception {
        return gateway.create(EntityKind.PLUGINS, plugin)
                .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .path("id")
                .asText(plugin.path("id").asText());
    }

    /**
     * The http-log plugin ({@code kong/plugins/http-log/schema.lua}; queue fields from {@code
     * kong/tools/queue_schema.lua}): batches of up to 200 entries, sent at most 100 ms after the first was queued,
     * so the console sees a request within a quarter of a second and a busy gateway sends arrays rather than one
     * post per request; retries stop after 10 s (a console that went away should not keep Kong busy).
     */
    ObjectNode plugin(String id, HttpLogCollector collector, String token, boolean legacyQueue) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("id", id);
        p.put("name", "http-log");
        p.putArray("tags").add(WatchLedger.TAG).add(ledger.consoleTag());
        scope.serviceId().ifPresent(s -> p.putObject("service").put("id", s));
        ObjectNode config = p.putObject("config");
        config.put("http_endpoint", collector.endpoint().toString());
        config.put("method", "POST");
        config.put("content_type", "application/json");
        config.put("timeout", 5000);
        config.putObject("headers").put(HttpLogCollector.TOKEN_HEADER, token);
        if (legacyQueue) {
            config.put("queue_size", 200);
            config.put("flush_timeout", 0.1);
            config.put("retry_count", 2);
        } else {
            config.putObject("queue")
                    .put("max_batch_size", 200)
                    .put("max_coalescing_delay", 0.1)
                    .put("max_retry_time", 10);
        }
        return p;
    }

    private static String token() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The gateway's own words where it gave some: its message and each field's error. */
    static String reason(Throwable failure) {
        return RemoteWatch.reason(failure, t -> t instanceof GatewayException g ? g.fieldErrors() : Map.of());
    }

    /** The http-log plugin this watch added. */
    private final class Plugin implements RemoteWatch.Added {

        private final String pluginId;
        private final HttpLogCollector collector;

        Plugin(String pluginId, HttpLogCollector collector) {
            this.pluginId = pluginId;
            this.collector = collector;
        }

        @Override
        public String summary() {
            return "Added http-log plugin " + pluginId + " " + scope.describe() + ", posting to "
                    + collector.endpoint().getScheme() + "://"
                    + collector.endpoint().getRawAuthority();
        }

        @Override
        public String describe() {
            return "http-log plugin " + pluginId;
        }

        @Override
        public void remove() throws Exception {
            gateway.delete(EntityKind.PLUGINS, pluginId).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public boolean gone(Throwable failure) {
            return failure instanceof GatewayException g && g.isNotFound();
        }

        @Override
        public String reason(Throwable failure) {
            return KongTrafficSource.reason(failure);
        }
    }
}
