package dev.gatehouse.mesh.dataplane;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships access-log records as JSON lines to a TCP address (Kuma MeshAccessLog's {@code Tcp} backend). The data path
 * only ever {@link #offer}s into a bounded queue: when the queue is full, or a line cannot be written, the record is
 * dropped and counted. One sender thread connects (and reconnects), serialises and writes, flushing when the queue
 * runs dry, so a slow or absent receiver costs records, never latency.
 */
public final class AccessLogSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLogSender.class);
    private static final long RECONNECT_MILLIS = 500;
    private final InetSocketAddress target;
    private final BlockingQueue<AccessLogEntry> queue;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    private AccessLogSender(InetSocketAddress target, int capacity) {
        this.target = target;
        this.queue = target == null ? null : new ArrayBlockingQueue<>(capacity);
        if (target == null) {
            thread = null;
        } else {
            thread = new Thread(this::run, "mesh-access-log");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** A sender to {@code target} with a queue of {@code capacity} records; null target = logging off. */
    public static AccessLogSender start(InetSocketAddress target, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("access log queue capacity must be at least 1");
        }
        return new AccessLogSender(target, capacity);
    }

    public boolean enabled() {
        return target != null;
    }

    /** Queues a record without blocking; false (and counted) when it was dropped. */
    public boolean offer(AccessLogEntry entry) {
        if (target == null) {
            return false;
        }
        if (closed || !queue.offer(entry)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Records written to the receiver's socket. */
    public long sent() {
        return sent.get();
    }

    /** Records lost: queue full, receiver absent or the write failed. */
    public long dropped() {
        return dropped.get();
    }

    /** Records waiting to be sent. */
    public int queued() {
        return queue == null ? 0 : queue.size();
    }

    private void run() {
        Socket socket = null;
        OutputStream out = null;
        long nextAttempt = 0;
        while (!closed) {
            AccessLogEntry e;
            try {
                e = queue.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                break;
            }
            if (e == null) {
                continue;
            }
            if (out == null) {
                if (System.currentTimeMillis() < nextAttempt) {
                    dropped.incrementAndGet(); // receiver absent: lose the record rather than hold it
                    continue;
                }
                try {
                    socket = new Socket();
                    socket.setSendBufferSize(64 * 1024);
                    socket.connect(target, 1000);
                    out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
                } catch (IOException ex) {
                    LOG.debug("access log receiver {} unreachable: {}", target, ex.toString());
                    closeQuietly(socket);
                    socket = null;
                    nextAttempt = System.currentTimeMillis() + RECONNECT_MILLIS;
                    dropped.incrementAndGet();
                    continue;
                }
            }
            try {
                out.write((e.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
                sent.incrementAndGet();
                if (queue.isEmpty()) {
                    out.flush();
                }
            } catch (IOException ex) {
                LOG.debug("access log receiver {} went away: {}", target, ex.toString());
                dropped.incrementAndGet();
                closeQuietly(socket);
                socket = null;
                out = null;
                nextAttempt = System.currentTimeMillis() + RECONNECT_MILLIS;
            }
        }
        if (out != null) {
            try {
                out.flush();
            } catch (IOException ignored) {
                // receiver gone; closing anyway
            }
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
