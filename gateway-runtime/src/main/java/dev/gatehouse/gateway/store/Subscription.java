package dev.gatehouse.gateway.store;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A change-feed subscription: events are queued and delivered in order on the subscription's own thread. */
public final class Subscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
    private static final ChangeEvent STOP = new ChangeEvent(-1, null, java.util.List.of());

    private final LinkedBlockingQueue<ChangeEvent> queue = new LinkedBlockingQueue<>();
    private final Consumer<Subscription> onClose;
    private final Thread thread;
    private volatile boolean closed;

    Subscription(Consumer<ChangeEvent> listener, Consumer<Subscription> onClose) {
        this.onClose = onClose;
        this.thread = Thread.ofVirtual().name("gateway-change-feed").start(() -> {
            while (true) {
                ChangeEvent e;
                try {
                    e = queue.take();
                } catch (InterruptedException ie) {
                    return;
                }
                if (e == STOP) {
                    return;
                }
                try {
                    listener.accept(e);
                } catch (RuntimeException ex) {
                    LOG.warn("change-feed subscriber failed on version {}: {}", e.version(), ex.toString());
                }
            }
        });
    }

    void offer(ChangeEvent e) {
        if (!closed) {
            queue.add(e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.add(STOP);
            onClose.accept(this);
        }
    }
}
