package dev.gatehouse.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;

/** Header names that plugins set are escaped as {@link HeaderEscaping#name} escapes them, and kept. */
class EscapedHeaderNamesTest {

    @Test
    void namesAreEscapedAsHeaderEscapingDoes() {
        for (String name : new String[] {"X-Consumer-ID", "a b", "x\r\ny", "caf\u00e9", "(x)", "\u20ac"}) {
            assertThat(EscapedHeaderNames.of(name).toString()).isEqualTo(HeaderEscaping.name(name));
        }
        assertThat(EscapedHeaderNames.of("x\r\ny").toString()).isEqualTo("x%0D%0Ay");
    }

    @Test
    void aNameIsEscapedOnceUntilTheLimit() {
        AsciiString first = EscapedHeaderNames.of("X-Credential-Identifier");
        assertThat((Object) EscapedHeaderNames.of(new String("X-Credential-Identifier")))
                .isSameAs(first);

        // past the limit (this fills the JVM-wide table; names are then escaped on each call, which is still right)
        for (int i = 0; i < EscapedHeaderNames.LIMIT + 10; i++) {
            EscapedHeaderNames.of("X-Generated-" + i);
        }
        String late = "X-Late name";
        AsciiString a = EscapedHeaderNames.of(late);
        assertThat(a.toString()).isEqualTo("X-Late%20name");
        assertThat((Object) EscapedHeaderNames.of(late)).isNotSameAs(a).isEqualTo(a);
        assertThat((Object) EscapedHeaderNames.of("X-Credential-Identifier")).isSameAs(first);
    }
}
