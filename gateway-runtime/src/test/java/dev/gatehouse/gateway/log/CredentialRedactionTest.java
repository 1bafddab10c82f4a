package dev.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The query strings file-log writes: the values of credential arguments replaced, the rest byte for byte. */
class CredentialRedactionTest {

    @Test
    void onlyTheNamedArgumentsLoseTheirValues() {
        List<String> names = List.of("apikey", "jwt");
        assertThat(CredentialRedaction.redactQuery("/a?x=1&apikey=s3cr3t&y=%20", names))
                .isEqualTo("/a?x=1&apikey=REDACTED&y=%20");
        // names are compared decoded; repeated arguments all go
        assertThat(CredentialRedaction.redactQuery("/a?api%6Bey=k1&apikey=k2&jwt=t", names))
                .isEqualTo("/a?api%6Bey=REDACTED&apikey=REDACTED&jwt=REDACTED");
        // no query, a flag without value, a name that only starts like one
        assertThat(CredentialRedaction.redactQuery("/a", names)).isEqualTo("/a");
        assertThat(CredentialRedaction.redactQuery("/a?apikey&apikeys=v", names))
                .isEqualTo("/a?apikey&apikeys=v");
    }
}
