package dev.gatehouse.gateway.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kong's {@code parse_reference} and the env vault's naming ({@code kong/pdk/vault.lua},
 * {@code kong/vaults/env/init.lua}), with our own references as inputs.
 */
class VaultReferenceTest {

    @Test
    void partsOfAReference() {
        VaultReference plain = VaultReference.parse("{vault://env/db-password}");
        assertThat(plain.name()).isEqualTo("env");
        assertThat(plain.resource()).isEqualTo("db-password");
        assertThat(plain.key()).isNull();
        assertThat(plain.version()).isNull();

        VaultReference keyed = VaultReference.parse("{vault://team-a/app/creds/user?prefix=APP_#2}");
        assertThat(keyed.name()).isEqualTo("team-a");
        assertThat(keyed.resource()).isEqualTo("app/creds");
        assertThat(keyed.key()).isEqualTo("user");
        assertThat(keyed.version()).isEqualTo(2);
        assertThat(keyed.config()).isEqualTo(Map.of("prefix", "APP_"));

        // a trailing slash: the whole path is the resource
        VaultReference directory = VaultReference.parse("{vault://env/app/creds/}");
        assertThat(directory.resource()).isEqualTo("app/creds");
        assertThat(directory.key()).isNull();
    }

    @Test
    void kongsReasonsForBadReferences() {
        assertThatThrownBy(() -> VaultReference.parse("vault://env/x")).hasMessage("not a reference [vault://env/x]");
        assertThatThrownBy(() -> VaultReference.parse("{vault://env/}"))
                .hasMessage("reference url has empty path [{vault://env/}]");
        assertThatThrownBy(() -> VaultReference.parse("{vault://env/x#two}"))
                .hasMessage("reference url has invalid version [{vault://env/x#two}]");
    }

    @Test
    void theEnvVaultNamesItsVariableAsKongDoes() {
        Map<String, String> env = Map.of(
                "DB_PASSWORD", "one",
                "DB_PASSWORD_PREVIOUS", "zero",
                "APP_TOKEN", "two",
                "APP_CREDS", "{\"user\":\"u1\",\"port\":5432}");
        Vaults vaults = new Vaults(env::get);
        assertThat(vaults.get("{vault://env/db-password}", null)).isEqualTo("one");
        assertThat(vaults.get("{vault://env/db-password#2}", null)).isEqualTo("zero");
        assertThat(vaults.get("{vault://env/token?prefix=app_}", null)).isEqualTo("two");
        assertThat(vaults.get("{vault://env/app-creds/user}", null)).isEqualTo("u1");
        assertThatThrownBy(() -> vaults.get("{vault://env/app-creds/port}", null))
                .hasMessage("could not get subfield value: unexpected number value in JSON secret for subfield port");
        assertThatThrownBy(() -> vaults.get("{vault://env/app-creds/nope}", null))
                .hasMessage("could not get subfield value: subfield nope not found in JSON secret");
        assertThatThrownBy(() -> vaults.get("{vault://env/missing}", null)).hasMessage("no value found");
    }
}
