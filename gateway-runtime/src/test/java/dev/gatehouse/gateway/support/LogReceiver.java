package dev.gatehouse.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A test http-log endpoint: records each delivery (headers and parsed JSON body); can fail the first N. */
public final class LogReceiver implements AutoCloseable {

    /** One POST received. */
    public record Delivery(String method, Map<String, List<String>> headers, JsonNode body) {}

    private final HttpServer server;
    private final LinkedBlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    private LogReceiver(HttpServer server) {
        this.server = server;
    }

    public static LogReceiver start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        LogReceiver r = new LogReceiver(s);
        s.createContext("/", ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                r.attempts.incrementAndGet();
                if (r.failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    ex.sendResponseHeaders(500, -1);
                    return;
                }
                r.deliveries.add(new Delivery(
                        ex.getRequestMethod(),
                        Map.copyOf(ex.getRequestHeaders()),
                        AdminClient.parse(new String(body, StandardCharsets.UTF_8))));
                ex.sendResponseHeaders(200, -1);
            }
        });
        s.start();
        return r;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/logs";
    }

    public void failNext(int n) {
        failuresLeft.set(n);
    }

    public int attempts() {
        return attempts.get();
    }

    public Delivery next(Duration timeout) throws InterruptedException {
        return deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
