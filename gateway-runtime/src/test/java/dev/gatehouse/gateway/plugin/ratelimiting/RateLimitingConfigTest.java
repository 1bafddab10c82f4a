package dev.gatehouse.gateway.plugin.ratelimiting;

import static dev.gatehouse.gateway.support.PluginConfigs.json;
import static dev.gatehouse.gateway.support.PluginConfigs.withDefaults;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** rate-limiting's config read once into a record, with the defaults of its {@code schema.lua}. */
class RateLimitingConfigTest {

    @Test
    void theSchemaDefaultsAndAMinimalConfigReadAlike() {
        RateLimitingConfig expected = new RateLimitingConfig(
                Map.of("minute", 5.0), "consumer", null, null, false, 429, "API rate limit exceeded");
        assertThat(RateLimitingConfig.of(withDefaults(new RateLimitingPlugin(), "{\"minute\": 5}")))
                .isEqualTo(expected);
        assertThat(RateLimitingConfig.of(json("{\"minute\": 5}"))).isEqualTo(expected);
    }

    @Test
    void limitsComeShortestPeriodFirstAndNullsAreUnset() {
        RateLimitingConfig c = RateLimitingConfig.of(json("""
        {"year": 1000, "minute": null, "second": 1, "hour": 100, "limit_by": null, "header_name": null,
         "error_message": null}"""));
        assertThat(c.limits().keySet()).containsExactly("second", "hour", "year");
        assertThat(c.limitBy()).isEqualTo("consumer");
        assertThat(c.headerName()).isNull();
        assertThat(c.errorMessage())
                .as("an explicit null: Kong answers the status's own message")
                .isNull();
    }

    @Test
    void everyFieldIsRead() {
        RateLimitingConfig c = RateLimitingConfig.of(withDefaults(new RateLimitingPlugin(), """
        {"second": 2, "day": 2.5e3, "limit_by": "header", "header_name": "X-Tenant", "path": "/p",
         "hide_client_headers": true, "error_code": 503, "error_message": "slow down"}"""));
        assertThat(c)
                .isEqualTo(new RateLimitingConfig(
                        Map.of("second", 2.0, "day", 2500.0), "header", "X-Tenant", "/p", true, 503, "slow down"));
        assertThat(c.limits().keySet()).containsExactly("second", "day");
    }
}
