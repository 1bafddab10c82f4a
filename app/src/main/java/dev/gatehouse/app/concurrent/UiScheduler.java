package dev.gatehouse.app.concurrent;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The console's clock: runs work on the UI executor after a delay, or again and again (polling the page in view,
 * letting a message expire). Tests use a clock they advance by hand.
 */
public interface UiScheduler {

    /** Something scheduled; cancelling twice, or after it ran, does nothing. */
    interface Cancellable {
        void cancel();
    }

    /** Runs {@code task} on the UI executor once, after {@code delay}, unless cancelled first. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} on the UI executor every {@code period} (the first time after one period) until cancelled. */
    default Cancellable every(Duration period, Runnable task) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<Cancellable> next = new AtomicReference<>();
        Runnable tick = new Runnable() {
            @Override
            public void run() {
                if (!cancelled.get()) {
                    task.run();
                    if (!cancelled.get()) {
                        next.set(schedule(period, this));
                    }
                }
            }
        };
        next.set(schedule(period, tick));
        return () -> {
            cancelled.set(true);
            next.get().cancel();
        };
    }
}
