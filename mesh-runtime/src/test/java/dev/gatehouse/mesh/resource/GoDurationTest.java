package dev.gatehouse.mesh.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Go's time.ParseDuration (src/time/format.go; cases after format_test.go's parseDurationTests and its errors). */
class GoDurationTest {
    @Test
    void readsWhatGoReads() throws Exception {
        assertThat(GoDuration.parseNanos("0")).isZero();
        assertThat(GoDuration.parseNanos("-0")).isZero();
        assertThat(GoDuration.parseNanos("0s")).isZero();
        assertThat(GoDuration.parseNanos("5s")).isEqualTo(5_000_000_000L);
        assertThat(GoDuration.parseNanos("1h30m")).isEqualTo(5_400_000_000_000L);
        assertThat(GoDuration.parseNanos("-2m")).isEqualTo(-120_000_000_000L);
        assertThat(GoDuration.parseNanos("1.5s")).isEqualTo(1_500_000_000L);
        assertThat(GoDuration.parseNanos(".5ms")).isEqualTo(500_000L);
        assertThat(GoDuration.parseNanos("10\u00b5s")).isEqualTo(10_000L);
        assertThat(GoDuration.parseNanos("9223372036854775807ns")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesWithGosMessages() {
        assertThatThrownBy(() -> GoDuration.parseNanos("")).hasMessage("time: invalid duration \"\"");
        assertThatThrownBy(() -> GoDuration.parseNanos("3")).hasMessage("time: missing unit in duration \"3\"");
        assertThatThrownBy(() -> GoDuration.parseNanos("1d")).hasMessage("time: unknown unit \"d\" in duration \"1d\"");
        assertThatThrownBy(() -> GoDuration.parseNanos(".s")).hasMessage("time: invalid duration \".s\"");
        assertThatThrownBy(() -> GoDuration.parseNanos("-")).hasMessage("time: invalid duration \"-\"");
        assertThatThrownBy(() -> GoDuration.parseNanos("9223372036854775808ns"))
                .hasMessage("time: invalid duration \"9223372036854775808ns\"");
    }
}
