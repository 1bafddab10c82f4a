package dev.gatehouse.app.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartTimesTest {

    @Test
    void readsWhatInstantParseReadsForEnvoysDefaultStartTime() {
        String[] times = {
            "2026-12-03T20:00:00.123Z",
            "2026-12-03T20:00:00.124Z", // same second: the kept one
            "2026-12-03T20:00:01Z",
            "2026-12-03T20:00:01.5Z",
            "2026-12-31T23:59:59.999999999Z",
            "2027-01-01T00:00:00.000001Z",
            "2024-02-29T12:34:56.789Z"
        };
        for (String time : times) {
            assertThat(StartTimes.parse(time)).as(time).isEqualTo(Instant.parse(time));
        }
    }

    @Test
    void leavesOtherShapesToTheFullParser() {
        for (String odd : new String[] {
            "",
            "2026-12-03 20:00:00Z",
            "2026-12-03T20:00:00+01:00",
            "2026-12-03T20:00:00.Z",
            "2026-12-03T20:00:00.1234567890Z",
            "2026-12-03T20:00:00.12aZ",
            "[03/Dec/2026:20:00:00 +0000]",
            "2026-13-03T20:00:00Z"
        }) {
            assertThat(StartTimes.parse(odd)).as(odd).isNull();
        }
    }
}
