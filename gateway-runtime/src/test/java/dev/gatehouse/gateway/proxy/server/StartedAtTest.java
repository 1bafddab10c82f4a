package dev.gatehouse.gateway.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Kong's {@code started_at} is the request's start rounded down to the millisecond, never after it: its log serializer
 * writes {@code started_at = ngx.req.start_time() * 1000}, nginx's {@code start_sec} and {@code start_msec} of the
 * request. The console links mesh hops that start within a request to it by that time.
 */
class StartedAtTest {

    private static final long EPOCH_SECOND = 1_700_000_000L;

    @Test
    void theStartIsRoundedDownNotTheNowAndTheElapsedTimeApart() {
        // now 0.900 ms into a second, 0.950 ms elapsed: the request started 0.05 ms before that second
        Instant now = Instant.ofEpochSecond(EPOCH_SECOND, 900_000);
        assertThat(LogPhase.startedAt(now, 950_000)).isEqualTo(EPOCH_SECOND * 1_000 - 1);
        // whole milliseconds each subtracted from the other would say EPOCH_SECOND * 1_000: after the start
        assertThat(LogPhase.startedAt(Instant.ofEpochSecond(EPOCH_SECOND, 0), 3_000_000))
                .isEqualTo(EPOCH_SECOND * 1_000 - 3);
    }

    @Test
    void aStartOneNanosecondBeforeAMillisecondIsInTheOneBefore() {
        assertThat(LogPhase.startedAt(Instant.ofEpochSecond(EPOCH_SECOND, 1_000_000), 1))
                .isEqualTo(EPOCH_SECOND * 1_000);
    }

    @Test
    void everyStartIsTheMillisecondItFallsIn() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long nowNanos = random.nextInt(1_000_000_000);
            long elapsed = (long) (random.nextDouble() * 50_000_000);
            Instant now = Instant.ofEpochSecond(EPOCH_SECOND, nowNanos);
            long startNanos = EPOCH_SECOND * 1_000_000_000 + nowNanos - elapsed;
            assertThat(LogPhase.epochNanos(now, elapsed)).isEqualTo(startNanos);
            long startedAt = LogPhase.startedAt(now, elapsed);
            assertThat(startedAt * 1_000_000).isLessThanOrEqualTo(startNanos);
            assertThat(startNanos).isLessThan((startedAt + 1) * 1_000_000);
        }
    }
}
