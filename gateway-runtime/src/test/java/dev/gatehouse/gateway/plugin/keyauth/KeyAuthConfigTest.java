package dev.gatehouse.gateway.plugin.keyauth;

import static dev.gatehouse.gateway.support.PluginConfigs.json;
import static dev.gatehouse.gateway.support.PluginConfigs.withDefaults;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** key-auth's config read once into a record, with the defaults of {@code kong/plugins/key-auth/schema.lua}. */
class KeyAuthConfigTest {

    private static final KeyAuthConfig DEFAULTS =
            new KeyAuthConfig(List.of("apikey"), false, null, true, true, false, true, null);

    @Test
    void theSchemaDefaultsAndAnEmptyConfigReadAlike() {
        ObjectNode stored = withDefaults(new KeyAuthPlugin(), "{}");
        assertThat(stored.size())
                .as("every field stored with its default: %s", stored)
                .isEqualTo(8);
        assertThat(KeyAuthConfig.of(stored)).isEqualTo(DEFAULTS);
        assertThat(KeyAuthConfig.of(json("{}"))).isEqualTo(DEFAULTS);
    }

    @Test
    void nullsAndAnEmptyAnonymousAreUnset() {
        assertThat(KeyAuthConfig.of(json("{\"key_names\": null, \"anonymous\": null, \"realm\": null}")))
                .isEqualTo(DEFAULTS);
        assertThat(KeyAuthConfig.of(json("{\"anonymous\": \"\"}")).anonymous()).isNull();
    }

    @Test
    void everyFieldIsRead() {
        assertThat(KeyAuthConfig.of(withDefaults(new KeyAuthPlugin(), """
        {"key_names": ["apiKey", "x-key"], "hide_credentials": true, "anonymous": "guest", "key_in_header": false,
         "key_in_query": false, "key_in_body": true, "run_on_preflight": false, "realm": "shop"}""")))
                .isEqualTo(new KeyAuthConfig(
                        List.of("apiKey", "x-key"), true, "guest", false, false, true, false, "shop"));
    }
}
