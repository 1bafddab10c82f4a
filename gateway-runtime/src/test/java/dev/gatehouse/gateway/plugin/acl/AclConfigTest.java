package dev.gatehouse.gateway.plugin.acl;

import static dev.gatehouse.gateway.support.PluginConfigs.json;
import static dev.gatehouse.gateway.support.PluginConfigs.withDefaults;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** acl's config read once into a record, with the defaults of {@code kong/plugins/acl/schema.lua}. */
class AclConfigTest {

    @Test
    void theSchemaDefaultsAndAMinimalConfigReadAlike() {
        AclConfig expected = new AclConfig(List.of("gold"), List.of(), false, false);
        assertThat(AclConfig.of(withDefaults(new AclPlugin(), "{\"allow\": [\"gold\"]}")))
                .isEqualTo(expected);
        assertThat(AclConfig.of(json("{\"allow\": [\"gold\"]}"))).isEqualTo(expected);
        assertThat(expected.denies()).isFalse();
    }

    @Test
    void nullListsAreEmptyAndOnlyANonEmptyDenyListDenies() {
        AclConfig deny = AclConfig.of(json("{\"allow\": null, \"deny\": [\"banned\"]}"));
        assertThat(deny).isEqualTo(new AclConfig(List.of(), List.of("banned"), false, false));
        assertThat(deny.denies()).isTrue();
        assertThat(AclConfig.of(json("{\"allow\": [\"a\"], \"deny\": []}")).denies())
                .isFalse();
    }

    @Test
    void everyFieldIsRead() {
        assertThat(
                        AclConfig.of(
                                withDefaults(
                                        new AclPlugin(),
                                        "{\"deny\": [\"x\", \"y\"], \"hide_groups_header\": true, \"always_use_authenticated_groups\": true}")))
                .isEqualTo(new AclConfig(List.of(), List.of("x", "y"), true, true));
    }
}
