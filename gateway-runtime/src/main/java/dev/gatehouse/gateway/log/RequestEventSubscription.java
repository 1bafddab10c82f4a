package dev.gatehouse.gateway.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscriber's bounded queue of live request events. When the subscriber falls behind, new events are dropped
 * (never the proxy slowed) and counted in {@link #dropped()}.
 */
public final class RequestEventSubscription implements AutoCloseable {

    private final ArrayBlockingQueue<RequestEvent> queue;
    private final AtomicLong ownDrops = new AtomicLong();
    private final RequestEvents source;
    private final long sharedDropsAtStart;
    private volatile boolean closed;

    RequestEventSubscription(RequestEvents source, int capacity) {
        this.source = source;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sharedDropsAtStart = source.dropped();
    }

    void deliver(RequestEvent e) {
        if (!closed && !queue.offer(e)) {
            ownDrops.incrementAndGet();
        }
    }

    /** The next event, waiting up to {@code timeout}; null when none arrived. */
    public RequestEvent poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Up to {@code max} events already queued, without waiting. */
    public List<RequestEvent> drain(int max) {
        List<RequestEvent> out = new ArrayList<>();
        queue.drainTo(out, max);
        return out;
    }

    /** Events this subscriber missed: its queue was full, or the shared inbox was full, since it subscribed. */
    public long dropped() {
        return ownDrops.get() + (source.dropped() - sharedDropsAtStart);
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            source.remove(this);
            queue.clear();
        }
    }
}
