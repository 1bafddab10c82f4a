package dev.gatehouse.gateway.runtime;

import dev.gatehouse.gateway.store.Change;
import dev.gatehouse.gateway.store.Store;
import dev.gatehouse.gateway.store.Subscription;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the proxy's {@link RuntimeConfig} in step with the store: the change feed marks the entity types that
 * changed, and one rebuild thread compiles the newest snapshot (bursts of changes coalesce into one rebuild), then
 * swaps the reference. Requests read {@link #current()} once at their start.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Store store;
    private final RuntimeConfigBuilder builder;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition dirty = lock.newCondition();
    private final Condition built = lock.newCondition();
    private final Set<String> changedTypes = new HashSet<>();
    private final Subscription subscription;
    private final Thread thread;
    private volatile RuntimeConfig current;
    private volatile boolean closed;

    public ConfigWatcher(Store store, RuntimeConfigBuilder builder) {
        this.store = store;
        this.builder = builder;
        this.current = builder.build(store.snapshot());
        this.subscription = store.subscribe(event -> {
            lock.lock();
            try {
                for (Change c : event.changes()) {
                    changedTypes.add(c.type());
                }
                dirty.signalAll();
            } finally {
                lock.unlock();
            }
        });
        this.thread =
                Thread.ofPlatform().daemon().name("gateway-config-rebuild").start(this::run);
    }

    /** The configuration new requests use. */
    public RuntimeConfig current() {
        return current;
    }

    /** Waits until the configuration reflects at least snapshot {@code version}; false on timeout. */
    public boolean awaitVersion(long version, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        lock.lock();
        try {
            while (current.version() < version) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                built.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closed) {
            Set<String> types;
            lock.lock();
            try {
                while (changedTypes.isEmpty() && !closed) {
                    dirty.await();
                }
                types = new HashSet<>(changedTypes);
                changedTypes.clear();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (closed) {
                return;
            }
            try {
                long start = System.nanoTime();
                RuntimeConfig next = builder.build(store.snapshot(), current, types);
                lock.lock();
                try {
                    current = next;
                    built.signalAll();
                } finally {
                    lock.unlock();
                }
                LOG.debug(
                        "proxy configuration {} built in {} ms ({} router rules; changed: {})",
                        next.version(),
                        (System.nanoTime() - start) / 1_000_000,
                        next.routerSize(),
                        types);
            } catch (RuntimeException e) {
                LOG.error(
                        "cannot rebuild the proxy configuration; keeping version {}: {}",
                        current.version(),
                        e.toString(),
                        e);
                lock.lock();
                try {
                    changedTypes.addAll(types); // try again after the next change or a pause
                } finally {
                    lock.unlock();
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        subscription.close();
        lock.lock();
        try {
            dirty.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
    }
}
