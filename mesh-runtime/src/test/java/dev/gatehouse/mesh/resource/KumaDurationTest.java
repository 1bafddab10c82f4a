package dev.gatehouse.mesh.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Kuma duration strings (pkg/core/resources/apis/mesh/mesh_helpers.go ParseDuration @v2.14.3). */
class KumaDurationTest {
    @Test
    void unitsAndZero() {
        assertThat(KumaDuration.parse("1d")).contains(Duration.ofDays(1));
        assertThat(KumaDuration.parse("10y")).contains(Duration.ofDays(3650));
        assertThat(KumaDuration.parse("2w")).contains(Duration.ofDays(14));
        assertThat(KumaDuration.parse("5h")).contains(Duration.ofHours(5));
        assertThat(KumaDuration.parse("30m")).contains(Duration.ofMinutes(30));
        assertThat(KumaDuration.parse("45s")).contains(Duration.ofSeconds(45));
        assertThat(KumaDuration.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(KumaDuration.parse("0")).contains(Duration.ZERO);
    }

    @Test
    void rejectsGoStyleAndCompoundStrings() {
        for (String bad : new String[] {"", "1", "1h30m", "1.5h", "-1h", "1 h", "1x", "h"}) {
            assertThat(KumaDuration.parse(bad)).as(bad).isEmpty();
        }
    }
}
