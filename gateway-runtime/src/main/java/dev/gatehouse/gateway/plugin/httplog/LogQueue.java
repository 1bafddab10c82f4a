package dev.gatehouse.gateway.plugin.httplog;

import dev.gatehouse.gateway.log.RequestLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery queue (Kong's {@code kong.tools.queue}): the proxy enqueues without waiting (when
 * {@code max_entries} are waiting, the oldest is dropped and counted); a virtual thread takes batches of up to
 * {@code max_batch_size} entries, coalescing for up to {@code max_coalescing_delay} seconds after the first, and
 * hands them to the sender, retrying a failed batch with exponential back-off ({@code initial_retry_delay} doubled,
 * capped by {@code max_retry_delay}) until {@code max_retry_time} has passed, then dropping it.
 */
final class LogQueue {

    private static final Logger LOG = LoggerFactory.getLogger(LogQueue.class);
    private static final long IDLE_EXIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** Sends one batch; false or an exception means "retry". */
    @FunctionalInterface
    interface Sender {
        boolean send(List<RequestLog> batch) throws Exception;
    }

    private final String name;
    private final QueueSettings settings;
    private volatile Sender sender;
    private final Runnable onRetire;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<RequestLog> entries = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private boolean retired;
    private volatile boolean stopping;
    private final Thread worker;

    /** @param name what logs call the queue (no credentials) */
    LogQueue(String name, QueueSettings settings, Sender sender, Runnable onRetire) {
        this.name = name;
        this.settings = settings;
        this.sender = sender;
        this.onRetire = onRetire;
        this.worker = Thread.ofVirtual().name("http-log-queue").start(this::run);
    }

    /**
     * Adds an entry; false when the queue has retired (the caller then asks for a new one). Never blocks long. Like
     * Kong, a shared queue sends with the latest sender configuration it has seen.
     */
    boolean enqueue(RequestLog entry, Sender latest) {
        lock.lock();
        try {
            if (retired) {
                return false;
            }
            sender = latest;
            if (entries.size() >= settings.maxEntries()) {
                entries.pollFirst();
                long n = dropped.incrementAndGet();
                if (n == 1 || n % 1000 == 0) {
                    LOG.warn("queue {}: queue full, dropping old entries ({} dropped so far)", name, n);
                }
            }
            entries.addLast(entry);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        return dropped.get();
    }

    private void run() {
        long idleSince = System.nanoTime();
        while (true) {
            List<RequestLog> batch;
            try {
                batch = nextBatch(idleSince);
            } catch (InterruptedException e) {
                return;
            }
            if (batch == null) {
                return; // retired after being idle, or stopped
            }
            deliver(batch);
            idleSince = System.nanoTime();
        }
    }

    private List<RequestLog> nextBatch(long idleSince) throws InterruptedException {
        lock.lock();
        try {
            while (entries.isEmpty()) {
                if (stopping) {
                    return null;
                }
                long left = IDLE_EXIT_NANOS - (System.nanoTime() - idleSince);
                if (left <= 0) {
                    retired = true;
                    onRetire.run();
                    return null;
                }
                notEmpty.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)));
            }
            long first = System.nanoTime();
            long coalesce = (long) (settings.maxCoalescingDelay() * 1e9);
            while (entries.size() < settings.maxBatchSize() && !stopping) {
                long left = coalesce - (System.nanoTime() - first);
                if (left < TimeUnit.MILLISECONDS.toNanos(50)) { // Kong's COALESCE_MIN_TIME
                    break;
                }
                notEmpty.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
            List<RequestLog> batch = new ArrayList<>(Math.min(entries.size(), settings.maxBatchSize()));
            while (!entries.isEmpty() && batch.size() < settings.maxBatchSize()) {
                batch.add(entries.pollFirst());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void deliver(List<RequestLog> batch) {
        long start = System.nanoTime();
        int retry = 0;
        while (true) {
            String error;
            try {
                if (sender.send(batch)) {
                    return;
                }
                error = "handler returned false";
            } catch (Exception e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            if (stopping || (System.nanoTime() - start) / 1e9 > settings.maxRetryTime()) {
                LOG.error(
                        "queue {}: could not send entries due to max_retry_time exceeded. {} queue entries were lost ({})",
                        name,
                        batch.size(),
                        error);
                return;
            }
            LOG.warn("queue {}: handler could not process entries: {}", name, error);
            double delay = Math.min(settings.maxRetryDelay(), Math.pow(2, retry++) * settings.initialRetryDelay());
            try {
                backOff((long) (delay * 1e9));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits before a retry; {@link #stop()} cuts the wait short so the last attempt happens while stop waits. */
    private void backOff(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (left > 0 && !stopping) {
                left = notEmpty.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends what is queued (one attempt per batch, a few seconds at most), then stops. */
    void stop() {
        stopping = true;
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            worker.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.interrupt();
    }
}
