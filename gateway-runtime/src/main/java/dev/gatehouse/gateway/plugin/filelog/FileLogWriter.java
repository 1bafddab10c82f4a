package dev.gatehouse.gateway.plugin.filelog;

import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.log.CredentialRedaction;
import dev.gatehouse.gateway.log.RequestLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends file-log entries from one writer thread, in request order. The proxy only offers an entry to a bounded
 * queue (full: dropped and counted); serializing and writing happen here. As Kong's handler, a file is opened once
 * per path and kept open ({@code reopen = false}: a file removed meanwhile keeps receiving the lines, which are lost),
 * or closed and opened again for each entry ({@code reopen = true}); it is created {@code 0644}
 * ({@code S_IRUSR|S_IWUSR|S_IRGRP|S_IROTH}) with {@code O_WRONLY|O_CREAT|O_APPEND}, never in a missing directory.
 */
final class FileLogWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileLogWriter.class);
    private static final int CAPACITY = 10_000;
    private static final Set<OpenOption> OPEN =
            Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    private static final FileAttribute<?> MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));

    private record Entry(Path path, boolean reopen, RequestLog log) {}

    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final LongAdder dropped = new LongAdder();
    /** Open files by path; only the writer thread touches it. */
    private final Map<Path, FileChannel> open = new HashMap<>();

    private volatile Thread thread;
    private volatile boolean closed;

    void offer(Path path, boolean reopen, RequestLog log) {
        if (closed) {
            return;
        }
        if (!queue.offer(new Entry(path, reopen, log))) {
            dropped.increment();
            return;
        }
        if (thread == null) {
            start();
        }
    }

    private synchronized void start() {
        if (thread == null && !closed) {
            thread = Thread.ofPlatform().daemon().name("file-log-writer").start(this::run);
        }
    }

    long dropped() {
        return dropped.sum();
    }

    private void run() {
        try {
            while (!closed || !queue.isEmpty()) {
                Entry e = queue.poll(200, TimeUnit.MILLISECONDS);
                if (e != null) {
                    write(e);
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } finally {
            open.values().forEach(FileLogWriter::closeQuietly);
            open.clear();
        }
    }

    private void write(Entry e) {
        byte[] line = (Json.write(CredentialRedaction.redactedJson(e.log())) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FileChannel ch = open.get(e.path());
        if (ch != null && e.reopen()) {
            closeQuietly(ch);
            open.remove(e.path());
            ch = null;
        }
        if (ch == null) {
            try {
                ch = FileChannel.open(e.path(), OPEN, MODE);
            } catch (UnsupportedOperationException notPosix) {
                ch = openWithoutMode(e.path());
            } catch (IOException io) {
                LOG.error("[file-log] failed to open the file: {}", reason(io));
                return;
            }
            if (ch == null) {
                return;
            }
            open.put(e.path(), ch);
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException io) {
            LOG.error("[file-log] failed to write to the file: {}", reason(io));
            closeQuietly(ch);
            open.remove(e.path());
        }
    }

    private static FileChannel openWithoutMode(Path path) {
        try {
            return FileChannel.open(path, OPEN);
        } catch (IOException io) {
            LOG.error("[file-log] failed to open the file: {}", reason(io));
            return null;
        }
    }

    /** strerror's words for the usual failures, as Kong logs them. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage();
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to write there
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
