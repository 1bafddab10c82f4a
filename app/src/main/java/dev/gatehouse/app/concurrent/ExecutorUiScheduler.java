package dev.gatehouse.app.concurrent;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The real clock: one timer thread waits, then hands each task to the UI executor. */
public final class ExecutorUiScheduler implements UiScheduler {

    private final ScheduledExecutorService timer;
    private final UiExecutor ui;

    public ExecutorUiScheduler(ScheduledExecutorService timer, UiExecutor ui) {
        this.timer = timer;
        this.ui = ui;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        AtomicBoolean cancelled = new AtomicBoolean();
        ScheduledFuture<?> pending = timer.schedule(
                () -> ui.execute(() -> {
                    // Checked again on the UI thread: a cancel may come after the timer fired but before this ran.
                    if (!cancelled.get()) {
                        task.run();
                    }
                }),
                delay.toNanos(),
                TimeUnit.NANOSECONDS);
        return () -> {
            cancelled.set(true);
            pending.cancel(false);
        };
    }
}
