package dev.gatehouse.app.meshpolicy.lockdown;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waits without holding a thread; tests hand in one that moves a clock instead of waiting. */
@FunctionalInterface
public interface Delays {

    /** Real time, on the common pool's delayed executor. */
    Delays REAL = delay -> CompletableFuture.runAsync(
            () -> {}, CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS));

    /** Completes once {@code delay} has passed. */
    CompletableFuture<Void> after(Duration delay);
}
