package dev.gatehouse.gateway.plugin.httplog;

import static dev.gatehouse.gateway.support.PluginConfigs.json;
import static dev.gatehouse.gateway.support.PluginConfigs.withDefaults;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * http-log's config read once into a record, with the defaults of {@code kong/plugins/http-log/schema.lua} and Kong's
 * queue name parameters ({@code make_queue_name} in its handler).
 */
class HttpLogConfigTest {

    private static final QueueSettings DEFAULT_QUEUE = new QueueSettings(1, 1, 10000, null, 60, 0.01, 60);

    @Test
    void theSchemaDefaults() {
        HttpLogConfig c =
                HttpLogConfig.of(withDefaults(new HttpLogPlugin(), "{\"http_endpoint\": \"http://logs.test/in\"}"));
        assertThat(c)
                .isEqualTo(new HttpLogConfig(
                        "http://logs.test/in",
                        "POST",
                        "application/json",
                        10000.0,
                        60000.0,
                        null,
                        Map.of(),
                        DEFAULT_QUEUE));
        assertThat(c.queueParameters()).isEqualTo("POST:application/json:10000:60000:nil");
        assertThat(c.timeoutMillis()).isEqualTo(10000);
    }

    @Test
    void unsetAndNullNumbersAreNilInTheQueueName() {
        HttpLogConfig c = HttpLogConfig.of(json("""
        {"http_endpoint": "http://logs.test/in", "timeout": null, "retry_count": null, "headers": null}"""));
        assertThat(c.queueParameters()).isEqualTo("POST:application/json:nil:nil:nil");
        assertThat(c.timeoutMillis()).isEqualTo(10000);
        assertThat(c.headers()).isEmpty();
        assertThat(c.queue()).isEqualTo(DEFAULT_QUEUE);
    }

    @Test
    void everyFieldIsRead() {
        HttpLogConfig c = HttpLogConfig.of(withDefaults(new HttpLogPlugin(), """
        {"http_endpoint": "https://logs.test/in", "method": "PUT", "content_type": "application/json; charset=utf-8",
         "timeout": 1500.5, "keepalive": 1000, "retry_count": 3, "headers": {"X-Env": "test"}, "queue_size": 5,
         "queue": {"max_entries": 20, "max_retry_time": 2}}"""));
        assertThat(c.method()).isEqualTo("PUT");
        assertThat(c.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(c.headers()).containsExactly(Map.entry("X-Env", "test"));
        assertThat(c.queueParameters()).isEqualTo("PUT:application/json; charset=utf-8:1500.5:1000:3");
        assertThat(c.timeoutMillis()).isEqualTo(1500);
        assertThat(c.queue().maxBatchSize()).as("legacy queue_size").isEqualTo(5);
        assertThat(c.queue().maxEntries()).isEqualTo(20);
        assertThat(c.queue().maxRetryTime()).isEqualTo(2);
    }
}
