package dev.gatehouse.gateway.proxy.server;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * The upstream read/write deadlines of one event loop's exchanges, checked every 25 ms: an intrusive list (no
 * allocation per request, unlike a scheduled task per request) that only its event loop touches.
 */
final class Timeouts {

    static final long TICK_MILLIS = 25;

    /** Something with a deadline; the list links live in the element itself. */
    abstract static class Entry {
        Entry prev;
        Entry next;
        boolean linked;

        /** The deadline in {@link System#nanoTime()} terms. */
        abstract long deadlineNanos();

        /** Called on the event loop once the deadline has passed. */
        abstract void expired(long now);
    }

    private final Entry head = new Entry() {
        @Override
        long deadlineNanos() {
            return Long.MAX_VALUE;
        }

        @Override
        void expired(long now) {}
    };

    private long now = System.nanoTime();

    /** A coarse clock for deadlines: {@link System#nanoTime()} as of the last tick (at most 25 ms old). */
    long now() {
        return now;
    }

    Timeouts(EventLoop loop) {
        head.next = head;
        head.prev = head;
        loop.scheduleWithFixedDelay(this::sweep, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void add(Entry e) {
        if (e.linked) {
            return;
        }
        e.linked = true;
        e.prev = head.prev;
        e.next = head;
        head.prev.next = e;
        head.prev = e;
    }

    void remove(Entry e) {
        if (!e.linked) {
            return;
        }
        e.linked = false;
        e.prev.next = e.next;
        e.next.prev = e.prev;
        e.prev = null;
        e.next = null;
    }

    private void sweep() {
        long now = System.nanoTime();
        this.now = now;
        Entry e = head.next;
        while (e != head) {
            Entry next = e.next;
            if (now - e.deadlineNanos() >= 0) {
                e.expired(now); // may remove e (and only e)
            }
            e = next;
        }
    }
}
