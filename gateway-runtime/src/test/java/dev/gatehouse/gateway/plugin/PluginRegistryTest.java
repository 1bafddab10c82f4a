package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bundled plugins register themselves (META-INF/services) and are found in Kong's bundled order. */
class PluginRegistryTest {

    @Test
    void theBundledPluginsAreDiscovered() {
        PluginRegistry registry = PluginRegistry.discover();
        assertThat(registry.all())
                .extracting(PluginDefinition::name)
                .containsExactly(
                        "key-auth",
                        "rate-limiting",
                        "acl",
                        "cors",
                        "http-log",
                        "ip-restriction",
                        "request-termination",
                        "request-size-limiting",
                        "correlation-id",
                        "basic-auth",
                        "jwt",
                        "hmac-auth",
                        "request-transformer",
                        "response-transformer",
                        "proxy-cache",
                        "prometheus",
                        "file-log",
                        "bot-detection");
        assertThat(registry.pluginsSchema().subschema("key-auth")).isNotNull();
    }
}
