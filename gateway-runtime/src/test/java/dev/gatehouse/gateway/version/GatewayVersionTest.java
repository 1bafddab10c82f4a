package dev.gatehouse.gateway.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The build's version reaches the runtime (the Admin API's {@code gatehouse_version}, the {@code Server} header). */
class GatewayVersionTest {

    @Test
    void theBuildVersionIsLoadedBesideTheClass() {
        assertThat(GatewayVersion.VERSION).isNotEqualTo("dev").matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
