package dev.gatehouse.gateway.plugin.httplog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.log.RequestLog;
import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The http-log plugin (Kong's {@code kong/plugins/http-log}, priority 12): each finished request, serialized with
 * Kong's basic log serializer, is queued and sent to an HTTP endpoint in batches, with retries, through a bounded
 * queue that never blocks the proxy. Plugin instances with the same endpoint parameters share a queue, as in Kong.
 * {@code custom_fields_by_lua} needs Kong's Lua sandbox and is refused with a clear error.
 */
public final class HttpLogPlugin extends BundledPlugin {

    public static final String NAME = "http-log";

    private static final Field QUEUE = Field.record(List.of(
                    NamedField.of(
                            "max_batch_size",
                            Field.integer()
                                    .defaultValue(1)
                                    .between(1, 1000000)
                                    .description("Maximum number of entries that can be processed at a time.")),
                    NamedField.of(
                            "max_coalescing_delay",
                            Field.builder(FieldType.NUMBER)
                                    .defaultValue(1)
                                    .between(0, 3600)
                                    .description(
                                            "Maximum number of (fractional) seconds to elapse after the first entry was queued before"
                                                    + " the queue starts calling the handler.")),
                    NamedField.of(
                            "max_entries",
                            Field.integer()
                                    .defaultValue(10000)
                                    .between(1, 1000000)
                                    .description("Maximum number of entries that can be waiting on the queue.")),
                    NamedField.of(
                            "max_bytes",
                            Field.integer()
                                    .description(
                                            "Maximum number of bytes that can be waiting on a queue, requires string content.")),
                    NamedField.of(
                            "max_retry_time",
                            Field.builder(FieldType.NUMBER)
                                    .defaultValue(60)
                                    .description(
                                            "Time in seconds before the queue gives up calling a failed handler for a batch.")),
                    NamedField.of(
                            "initial_retry_delay",
                            Field.builder(FieldType.NUMBER)
                                    .defaultValue(0.01)
                                    .between(0.001, 1000000)
                                    .description(
                                            "Time in seconds before the initial retry is made for a failing batch.")),
                    NamedField.of(
                            "max_retry_delay",
                            Field.builder(FieldType.NUMBER)
                                    .defaultValue(60)
                                    .between(0.001, 1000000)
                                    .description("Maximum time in seconds between retries, caps exponential backoff.")),
                    NamedField.of(
                            "concurrency_limit",
                            Field.integer()
                                    .defaultValue(1)
                                    .oneOf(-1, 1)
                                    .description("The number of of queue delivery timers. -1 indicates unlimited."))))
            .build();

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("protocols", Typedefs.PROTOCOLS_FIELD)
            .field(
                    "config",
                    Field.record(List.of(
                                    NamedField.of(
                                            "http_endpoint",
                                            Field.string()
                                                    .required(true)
                                                    .encrypted()
                                                    .referenceable()
                                                    .customValidator(v -> validateUrl(v.textValue()))
                                                    .description(
                                                            "A string representing a URL, such as https://example.com/path/to/resource?q=search.")),
                                    NamedField.of(
                                            "method",
                                            Field.string()
                                                    .defaultValue("POST")
                                                    .oneOf("POST", "PUT", "PATCH")
                                                    .description(
                                                            "An optional method used to send data to the HTTP server. Supported values are `POST`"
                                                                    + " (default), `PUT`, and `PATCH`.")),
                                    NamedField.of(
                                            "content_type",
                                            Field.string()
                                                    .defaultValue("application/json")
                                                    .oneOf("application/json", "application/json; charset=utf-8")
                                                    .description(
                                                            "Indicates the type of data sent. The only available option is `application/json`.")),
                                    NamedField.of(
                                            "timeout",
                                            Field.builder(FieldType.NUMBER)
                                                    .defaultValue(10000)
                                                    .description(
                                                            "An optional timeout in milliseconds when sending data to the upstream server.")),
                                    NamedField.of(
                                            "keepalive",
                                            Field.builder(FieldType.NUMBER)
                                                    .defaultValue(60000)
                                                    .description(
                                                            "An optional value in milliseconds that defines how long an idle connection will live"
                                                                    + " before being closed.")),
                                    NamedField.of(
                                            "retry_count",
                                            Field.integer()
                                                    .description(
                                                            "Number of times to retry when sending data to the upstream server.")),
                                    NamedField.of(
                                            "queue_size",
                                            Field.integer()
                                                    .description(
                                                            "Maximum number of log entries to be sent on each message to the upstream server.")),
                                    NamedField.of(
                                            "flush_timeout",
                                            Field.builder(FieldType.NUMBER)
                                                    .description(
                                                            "Optional time in seconds. If `queue_size` > 1, this is the max idle time before sending"
                                                                    + " a log with less than `queue_size` records.")),
                                    NamedField.of(
                                            "headers",
                                            Field.builder(FieldType.MAP)
                                                    .keys(Typedefs.HEADER_NAME_FIELD
                                                            .with()
                                                            .matchNone(
                                                                    "^[Hh][Oo][Ss][Tt]$",
                                                                    "cannot contain 'Host' header")
                                                            .matchNone(
                                                                    "^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]%-[Ll][Ee][nn][Gg][Tt][Hh]$",
                                                                    "cannot contain 'Content-Length' header")
                                                            .matchNone(
                                                                    "^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]%-[Tt][Yy][Pp][Ee]$",
                                                                    "cannot contain 'Content-Type' header")
                                                            .build())
                                                    .values(Field.string()
                                                            .referenceable()
                                                            .build())
                                                    .description(
                                                            "An optional table of headers included in the HTTP message to the upstream server."
                                                                    + " Values are indexed by header name, and each header name accepts a single string.")),
                                    NamedField.of("queue", QUEUE),
                                    NamedField.of("custom_fields_by_lua", Typedefs.LUA_CODE)))
                            .customValidator(HttpLogPlugin::validateConfig))
            .build();

    private final Map<String, LogQueue> queues = new ConcurrentHashMap<>();
    private volatile java.net.http.HttpClient client;
    private volatile boolean closed;

    /** Kong's {@code validate_url} (typedefs.url). */
    static String validateUrl(String url) {
        try {
            URI u = new URI(url);
            if (u.getHost() == null) {
                return "missing host in url";
            }
            if (u.getScheme() == null) {
                return "missing scheme in url";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "could not parse url. " + e.getReason();
        }
    }

    /** No Authorization header together with user info in the endpoint. */
    static String validateConfig(JsonNode config) {
        String endpoint = config.path("http_endpoint").asText("");
        JsonNode headers = config.get("headers");
        try {
            if (new URI(endpoint).getRawUserInfo() != null && headers != null && headers.isObject()) {
                for (var it = headers.fieldNames(); it.hasNext(); ) {
                    if (it.next().equalsIgnoreCase("authorization")) {
                        return "specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed";
                    }
                }
            }
        } catch (java.net.URISyntaxException e) {
            return null; // reported by the field's own validator
        }
        return null;
    }

    public HttpLogPlugin() {
        super(NAME, 12, SCHEMA, List.of());
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        HttpLogConfig config = HttpLogConfig.of(instance.config());
        String name = config.httpEndpoint() + ":" + config.queueParameters();
        QueueSettings settings = config.queue();
        URI uri = URI.create(config.httpEndpoint());
        // the endpoint is an encrypted field: user info and query may hold credentials, so logs name the queue without
        // them
        String logName = withoutCredentials(uri) + ":" + config.queueParameters();
        HttpLogSender sender = new HttpLogSender(
                client(),
                uri,
                config.method(),
                config.contentType(),
                config.timeoutMillis(),
                settings.maxBatchSize() == 1,
                config.headers());
        return new PluginHandler() {
            @Override
            public void log(RequestLog log) {
                enqueue(name, logName, settings, sender, log);
            }
        };
    }

    /** {@code scheme://host[:port]/path} of an endpoint. */
    static String withoutCredentials(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private void enqueue(String name, String logName, QueueSettings settings, HttpLogSender sender, RequestLog log) {
        if (closed) {
            return;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            LogQueue q = queues.computeIfAbsent(name, n -> new LogQueue(logName, settings, sender, () -> retire(n)));
            if (q.enqueue(log, sender)) {
                return;
            }
        }
    }

    /** One client for every queue (connections kept alive per endpoint); created on first use. */
    private java.net.http.HttpClient client() {
        java.net.http.HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = java.net.http.HttpClient.newBuilder()
                            .version(java.net.http.HttpClient.Version.HTTP_1_1)
                            .connectTimeout(java.time.Duration.ofSeconds(10))
                            .build();
                }
                c = client;
            }
        }
        return c;
    }

    private void retire(String name) {
        queues.computeIfPresent(name, (k, q) -> null);
    }

    /** Entries dropped because a queue was full, over all queues alive now. */
    public long dropped() {
        return queues.values().stream().mapToLong(LogQueue::dropped).sum();
    }

    @Override
    public void close() {
        closed = true;
        queues.values().forEach(LogQueue::stop);
        queues.clear();
        if (client != null) {
            client.close();
        }
    }
}
