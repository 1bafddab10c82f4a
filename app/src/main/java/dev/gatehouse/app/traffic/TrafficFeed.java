package dev.gatehouse.app.traffic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console's live traffic: sources deliver from any thread into a bounded inbox (never blocking them); once per
 * frame {@link #pulse()} moves what arrived into a ring buffer of {@link #capacity()} entries and hands it to the
 * listeners as one batch. The ring and the listeners belong to the UI thread. Everything lost on the way (inbox full,
 * a source's own overflow, the ring overwriting its oldest entries) is counted in {@link #dropped()}.
 */
public final class TrafficFeed {

    /** The ring buffer's default size. */
    public static final int DEFAULT_CAPACITY = 100_000;

    /** Events waiting between two frames at most (a second of 65,000 events/s at 1 fps); beyond, they are dropped. */
    static final int INBOX_CAPACITY = 65_536;

    /** Events one pulse moves at most; what is left waits for the next frame. */
    static final int MAX_PER_PULSE = 20_000;

    private final int capacity;
    private final ArrayBlockingQueue<TrafficEvent> inbox;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final List<TrafficListener> listeners = new CopyOnWriteArrayList<>();
    private final TrafficEvent[] ring;
    private final TrafficSink sink = new TrafficSink() {
        @Override
        public void accept(TrafficEvent event) {
            // numbered under the inbox's own order, so sequence and arrival order agree
            synchronized (inbox) {
                if (!inbox.offer(event.withSequence(sequence.get() + 1))) {
                    lost.incrementAndGet();
                    return;
                }
                sequence.incrementAndGet();
            }
        }

        @Override
        public void lost(long count) {
            if (count > 0) {
                lost.addAndGet(count);
            }
        }
    };
    private int head; // index of the oldest entry
    private int size;
    private long evicted;

    public TrafficFeed(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the traffic buffer must hold at least one entry");
        }
        this.capacity = capacity;
        this.ring = new TrafficEvent[capacity];
        this.inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
    }

    /** Where sources deliver; any thread. */
    public TrafficSink sink() {
        return sink;
    }

    public int capacity() {
        return capacity;
    }

    /** Adds a listener; UI thread. */
    public void addListener(TrafficListener listener) {
        listeners.add(listener);
    }

    public void removeListener(TrafficListener listener) {
        listeners.remove(listener);
    }

    /**
     * Moves what arrived into the ring and hands it to the listeners as one batch, then tells them the pulse is over;
     * call on the UI thread every frame. Returns the number of events moved (0: no batch was handed out).
     */
    public int pulse() {
        int moved = move();
        for (TrafficListener l : listeners) {
            l.pulsed(false);
        }
        return moved;
    }

    /** The last pulse of a watch: what arrived reaches the listeners, and nothing is held back for a later frame. */
    public void flush() {
        move();
        for (TrafficListener l : listeners) {
            l.pulsed(true);
        }
    }

    private int move() {
        List<TrafficEvent> added = new ArrayList<>();
        inbox.drainTo(added, MAX_PER_PULSE);
        if (added.isEmpty()) {
            return 0;
        }
        for (TrafficEvent e : added) {
            if (size < capacity) {
                ring[(head + size) % capacity] = e;
                size++;
            } else {
                ring[head] = e;
                head = (head + 1) % capacity;
                evicted++;
            }
        }
        TrafficBatch batch = new TrafficBatch(added, evicted, dropped());
        for (TrafficListener l : listeners) {
            l.added(batch);
        }
        return added.size();
    }

    /** The buffered events, oldest first; UI thread. */
    public List<TrafficEvent> snapshot() {
        List<TrafficEvent> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(ring[(head + i) % capacity]);
        }
        return Collections.unmodifiableList(out);
    }

    /** Entries in the ring; UI thread. */
    public int size() {
        return size;
    }

    /** Everything lost: overwritten by the ring, refused by the inbox, or lost by a source. */
    public long dropped() {
        return evicted + lost.get();
    }

    /** Empties the ring (the counters stay); UI thread. */
    public void clear() {
        java.util.Arrays.fill(ring, null);
        head = 0;
        size = 0;
    }
}
