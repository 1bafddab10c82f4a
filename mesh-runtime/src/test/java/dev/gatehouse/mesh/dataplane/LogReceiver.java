package dev.gatehouse.mesh.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A TCP access-log receiver (what the console's live traffic view is): collects lines, and those that are JSON. */
final class LogReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ServerSocket server;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> raw = new LinkedBlockingQueue<>();

    LogReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> read(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void read(Socket s) {
        try (s;
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                raw.add(line);
                if (line.startsWith("{")) {
                    lines.add(JSON.readTree(line));
                }
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    /** The next record matching {@code filter} (others are skipped), or null after {@code timeout}. */
    JsonNode next(Predicate<JsonNode> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode n = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (n == null || filter.test(n)) {
                return n;
            }
        }
    }

    /** The next raw line (JSON or not), or null after {@code timeout}. */
    String nextLine(Duration timeout) throws InterruptedException {
        return raw.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Forgets what has arrived so far. */
    void clear() {
        lines.clear();
        raw.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
