package dev.gatehouse.mesh.dataplane;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships access-log records as lines to a TCP address (Kuma MeshAccessLog's {@code Tcp} backend) or appends them to a
 * file (its {@code File} backend). The data path only ever {@link #offer}s into a bounded queue: when the queue is
 * full, or a line cannot be written, the record is dropped and counted. One sender thread connects (and reconnects)
 * or opens the file, renders (JSON lines by default, or a MeshAccessLog format) and writes, flushing when the queue
 * runs dry, so a slow or absent receiver costs records, never latency.
 */
public final class AccessLogSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLogSender.class);
    private static final long RECONNECT_MILLIS = 500;
    private final InetSocketAddress target;
    private final Path file;
    private final Function<AccessLogEntry, String> render;
    private final BlockingQueue<AccessLogEntry> queue;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    private AccessLogSender(
            InetSocketAddress target, Path file, int capacity, Function<AccessLogEntry, String> render) {
        this.target = target;
        this.file = file;
        this.render = render;
        this.queue = target == null && file == null ? null : new ArrayBlockingQueue<>(capacity);
        if (queue == null) {
            thread = null;
        } else {
            thread = new Thread(this::run, "mesh-access-log");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** A sender to {@code target} with a queue of {@code capacity} records; null target = logging off. */
    public static AccessLogSender start(InetSocketAddress target, int capacity) {
        return tcp(target, capacity, AccessLogEntry::toJson);
    }

    /** A sender of lines rendered by {@code render} to {@code target} (resolved on the sender's thread). */
    static AccessLogSender tcp(InetSocketAddress target, int capacity, Function<AccessLogEntry, String> render) {
        checkCapacity(capacity);
        return new AccessLogSender(target, null, capacity, render);
    }

    /** A writer appending lines rendered by {@code render} to {@code file} (created when missing). */
    static AccessLogSender file(Path file, int capacity, Function<AccessLogEntry, String> render) {
        checkCapacity(capacity);
        return new AccessLogSender(null, file, capacity, render);
    }

    private static void checkCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("access log queue capacity must be at least 1");
        }
    }

    public boolean enabled() {
        return queue != null;
    }

    /** Queues a record without blocking; false (and counted) when it was dropped. */
    public boolean offer(AccessLogEntry entry) {
        if (queue == null) {
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
                    if (file != null) {
                        out = new BufferedOutputStream(
                                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                                16 * 1024);
                    } else {
                        socket = new Socket();
                        socket.setSendBufferSize(64 * 1024);
                        InetSocketAddress to = target.isUnresolved()
                                ? new InetSocketAddress(target.getHostString(), target.getPort())
                                : target;
                        socket.connect(to, 1000);
                        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
                    }
                } catch (IOException ex) {
                    LOG.debug("access log receiver {} unreachable: {}", destination(), ex.toString());
                    closeQuietly(socket);
                    socket = null;
                    nextAttempt = System.currentTimeMillis() + RECONNECT_MILLIS;
                    dropped.incrementAndGet();
                    continue;
                }
            }
            String line;
            try {
                line = render.apply(e);
            } catch (RuntimeException ex) { // a record the format cannot render costs that record only
                LOG.debug("access log record not rendered: {}", ex.toString());
                dropped.incrementAndGet();
                continue;
            }
            try {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                sent.incrementAndGet();
                if (queue.isEmpty()) {
                    out.flush();
                }
            } catch (IOException ex) {
                LOG.debug("access log receiver {} went away: {}", destination(), ex.toString());
                dropped.incrementAndGet();
                closeQuietly(socket);
                closeQuietly(out);
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
        closeQuietly(out);
        closeQuietly(socket);
    }

    private Object destination() {
        return file != null ? file : target;
    }

    private static void closeQuietly(java.io.Closeable s) {
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
