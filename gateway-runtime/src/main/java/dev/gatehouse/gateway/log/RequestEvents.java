package dev.gatehouse.gateway.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process live request stream (the console's embedded mode watches traffic through it): the proxy offers each
 * finished request to a bounded inbox without waiting (when it is full the event is dropped and counted); a
 * dispatcher thread serializes it with Kong's log serializer and hands it to each subscriber's bounded queue. With
 * no subscriber the proxy does not even capture the request.
 */
public final class RequestEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestEvents.class);
    public static final int INBOX_CAPACITY = 4096;

    private record Pending(long sequence, RequestLog log) {}

    private final ArrayBlockingQueue<Pending> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
    private final List<RequestEventSubscription> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean active;
    private volatile boolean closed;
    private Thread dispatcher;

    /** True while someone listens: the proxy skips capturing requests otherwise. */
    public boolean active() {
        return active;
    }

    /** Offers a finished request; never blocks. */
    public void offer(RequestLog log) {
        if (active && !inbox.offer(new Pending(sequence.incrementAndGet(), log))) {
            dropped.incrementAndGet();
        }
    }

    /** Requests dropped because the shared inbox was full. */
    public long dropped() {
        return dropped.get();
    }

    /** A new subscription with its own queue of {@code capacity} events. */
    public synchronized RequestEventSubscription subscribe(int capacity) {
        if (closed) {
            throw new IllegalStateException("the gateway is closed");
        }
        RequestEventSubscription s = new RequestEventSubscription(this, capacity);
        subscribers.add(s);
        active = true;
        if (dispatcher == null) {
            dispatcher =
                    Thread.ofPlatform().daemon().name("gateway-request-events").start(this::dispatch);
        }
        return s;
    }

    /**
     * A subscription whose events are passed to {@code listener} on a virtual thread of its own; close the returned
     * subscription to stop.
     */
    public RequestEventSubscription subscribe(int capacity, Consumer<RequestEvent> listener) {
        RequestEventSubscription s = subscribe(capacity);
        Thread.ofVirtual().name("gateway-request-events-listener").start(() -> {
            while (!s.closed()) {
                try {
                    RequestEvent e = s.poll(java.time.Duration.ofMillis(250));
                    if (e != null) {
                        listener.accept(e);
                    }
                } catch (InterruptedException ie) {
                    return;
                } catch (RuntimeException ex) {
                    LOG.warn("request event listener failed: {}", ex.toString());
                }
            }
        });
        return s;
    }

    synchronized void remove(RequestEventSubscription s) {
        subscribers.remove(s);
        active = !subscribers.isEmpty();
    }

    private void dispatch() {
        while (!closed) {
            Pending p;
            try {
                p = inbox.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (p == null) {
                continue;
            }
            try {
                ObjectNode json = p.log().toJson();
                boolean first = true;
                for (RequestEventSubscription s : subscribers) {
                    s.deliver(new RequestEvent(p.sequence(), first ? json : json.deepCopy()));
                    first = false;
                }
            } catch (RuntimeException e) {
                LOG.warn("cannot serialize a request event: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        active = false;
        for (RequestEventSubscription s : List.copyOf(subscribers)) {
            s.close();
        }
        if (dispatcher != null) {
            dispatcher.interrupt();
        }
    }
}
