package dev.gatehouse.gateway.plugin.cors;

import static dev.gatehouse.gateway.support.PluginConfigs.json;
import static dev.gatehouse.gateway.support.PluginConfigs.withDefaults;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cors's config read once into a record, with the defaults of {@code kong/plugins/cors/schema.lua}. */
class CorsConfigTest {

    private static final List<String> ALL =
            List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT");
    private static final CorsConfig DEFAULTS =
            new CorsConfig(List.of(), List.of(), List.of(), ALL, null, false, false, false, true);

    @Test
    void theSchemaDefaultsAndAnEmptyConfigReadAlike() {
        ObjectNode stored = withDefaults(new CorsPlugin(), "{}");
        assertThat(stored.get("methods"))
                .as("stored with its default: %s", stored)
                .hasSize(9);
        assertThat(CorsConfig.of(stored)).isEqualTo(DEFAULTS);
        assertThat(CorsConfig.of(json("{}"))).isEqualTo(DEFAULTS);
    }

    @Test
    void nullsAreUnset() {
        assertThat(CorsConfig.of(json("""
        {"origins": null, "headers": null, "exposed_headers": null, "methods": null, "max_age": null}"""))).isEqualTo(DEFAULTS);
    }

    @Test
    void everyFieldIsRead() {
        assertThat(CorsConfig.of(withDefaults(new CorsPlugin(), """
        {"origins": ["https://a.test", "*.b.test"], "headers": ["X-A"], "exposed_headers": ["X-B", "X-C"],
         "methods": ["GET", "POST"], "max_age": 3600, "credentials": true, "private_network": true,
         "preflight_continue": true, "allow_origin_absent": false}""")))
                .isEqualTo(new CorsConfig(
                        List.of("https://a.test", "*.b.test"),
                        List.of("X-A"),
                        List.of("X-B", "X-C"),
                        List.of("GET", "POST"),
                        3600.0,
                        true,
                        true,
                        true,
                        false));
    }
}
