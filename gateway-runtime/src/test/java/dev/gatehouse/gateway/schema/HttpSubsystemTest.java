package dev.gatehouse.gateway.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kong's {@code should_process_route} / {@code should_process_plugin} (kong/runloop/handler.lua,
 * kong/runloop/plugins_iterator.lua): an entity runs in the http subsystem when one of its protocols is http, https,
 * grpc or grpcs in {@code constants.PROTOCOLS_WITH_SUBSYSTEM}; an empty list names none.
 */
class HttpSubsystemTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[\"http\",\"https\"] | true",
                "[\"grpcs\"]          | true",
                "[\"tcp\",\"http\"]   | true",
                "[\"tcp\",\"tls\"]    | false",
                "[\"tls_passthrough\"] | false",
                "[\"udp\"]            | false",
                "[]                   | false",
            })
    void protocolLists(String protocols, boolean runs) {
        assertThat(HttpSubsystem.includedIn(Json.parse(protocols))).isEqualTo(runs);
    }

    @Test
    void anAbsentListIsTheDefaultAndRuns() {
        assertThat(HttpSubsystem.includedIn(null)).isTrue();
        assertThat(HttpSubsystem.includedIn(Json.nullNode())).isTrue();
    }
}
