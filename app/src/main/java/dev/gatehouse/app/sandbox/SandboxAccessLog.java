package dev.gatehouse.app.sandbox;

import dev.gatehouse.mesh.dataplane.AccessLogEntry;
import dev.gatehouse.mesh.dataplane.AccessLogTap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox data planes' access-log records, in-process: every data plane hands its records to this tap while it
 * is {@link #open() open} (the console watches the sandbox's traffic), into a bounded queue that never blocks their
 * event loops (a full queue drops and counts). While closed the data planes do not even build records.
 */
public final class SandboxAccessLog implements AccessLogTap {

    /** Records waiting for the reader: about a second of a busy sandbox. */
    static final int CAPACITY = 16_384;

    private final ArrayBlockingQueue<AccessLogEntry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean open;

    @Override
    public boolean active() {
        return open;
    }

    @Override
    public void accept(AccessLogEntry entry) {
        if (open && !queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    /** Starts taking records (connections opened from now on are logged). */
    public void open() {
        open = true;
    }

    /** Stops taking records and forgets those not read. */
    public void close() {
        open = false;
        queue.clear();
    }

    /** The next record, waiting up to {@code timeout}; null when none came. */
    public AccessLogEntry poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Up to {@code max} records already queued. */
    public List<AccessLogEntry> drain(int max) {
        List<AccessLogEntry> out = new ArrayList<>();
        queue.drainTo(out, max);
        return out;
    }

    /** Records lost because the queue was full. */
    public long dropped() {
        return dropped.get();
    }
}
