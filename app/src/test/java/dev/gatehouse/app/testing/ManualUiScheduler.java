package dev.gatehouse.app.testing;

import dev.gatehouse.app.concurrent.UiScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock the test moves: scheduled tasks run on the calling thread when {@link #advance} passes their time. */
public final class ManualUiScheduler implements UiScheduler {

    private record Task(long due, long order, Runnable work, boolean[] cancelled) {}

    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private long order;

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable work) {
        Task task = new Task(now + delay.toNanos(), order++, work, new boolean[1]);
        tasks.add(task);
        return () -> {
            synchronized (this) {
                task.cancelled()[0] = true;
                tasks.remove(task);
            }
        };
    }

    /** Moves the clock by {@code step}, running every task that falls due, in order (including ones they schedule). */
    public void advance(Duration step) {
        long target;
        synchronized (this) {
            target = now + step.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> t.due() <= target)
                        .min(Comparator.comparingLong(Task::due).thenComparingLong(Task::order))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                now = next.due();
            }
            if (!next.cancelled()[0]) {
                next.work().run();
            }
        }
    }

    /** How many tasks wait. */
    public synchronized int pending() {
        return tasks.size();
    }
}
