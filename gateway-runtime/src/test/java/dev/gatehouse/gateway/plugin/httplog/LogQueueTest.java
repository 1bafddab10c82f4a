package dev.gatehouse.gateway.plugin.httplog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.gateway.log.RequestLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The delivery queue's retry back-off and stop, without any HTTP: a sender that always fails. */
class LogQueueTest {

    private static RequestLog entry() {
        return new RequestLog(
                "id",
                "/",
                "http://x/",
                Map.of(),
                "GET",
                Map.of(),
                0,
                null,
                "/",
                "200",
                200,
                Map.of(),
                0,
                0,
                0,
                0,
                0,
                List.of(),
                null,
                null,
                null,
                null,
                "127.0.0.1",
                0,
                "upstream",
                "default",
                "default",
                List.of());
    }

    @Test
    void stopCutsARetryBackOffShortAndMakesOneLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        // a 60 s back-off after the first failure: stop() must not wait it out (it used to sleep through its 3 s join,
        // then interrupt the worker, losing the last attempt)
        QueueSettings settings = new QueueSettings(1, 0, 100, null, 600, 60, 60);
        LogQueue.Sender failing = batch -> {
            attempts.incrementAndGet();
            return false;
        };
        LogQueue queue = new LogQueue("test", settings, failing, () -> {});
        assertThat(queue.enqueue(entry(), failing)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 1);

        long start = System.nanoTime();
        queue.stop();
        long stoppedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(attempts.get())
                .as("the last attempt, made when stop cut the back-off short")
                .isEqualTo(2);
        assertThat(stoppedMs).as("stop returned before its 3 s join ran out").isLessThan(3000);
    }
}
