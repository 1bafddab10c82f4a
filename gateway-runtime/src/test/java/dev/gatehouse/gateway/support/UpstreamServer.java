package dev.gatehouse.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real upstream on loopback (the JDK's HTTP server): records each request it receives (method, URI, headers,
 * body size) and answers 200 with a small JSON body, unless a test installs another behaviour.
 */
public final class UpstreamServer implements AutoCloseable {

    /** What the upstream saw. */
    public record Seen(
            String method, String uri, Map<String, List<String>> headers, long bodyBytes, String body, long crc32) {
        public String header(String name) {
            List<String> v = headers.get(name);
            return v == null ? null : v.get(0);
        }
    }

    /** A custom behaviour. */
    @FunctionalInterface
    public interface Behaviour {
        void handle(HttpExchange exchange, Seen seen) throws IOException;
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Seen> seen = new ConcurrentLinkedDeque<>();
    private final AtomicLong connections = new AtomicLong();
    private volatile Behaviour behaviour = UpstreamServer::ok;

    private UpstreamServer(HttpServer server) {
        this.server = server;
    }

    public static UpstreamServer start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        UpstreamServer u = new UpstreamServer(s);
        s.createContext("/", ex -> {
            try (ex) {
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                ex.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
                long n = 0;
                StringBuilder small = new StringBuilder();
                byte[] buf = new byte[65536];
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                try (InputStream in = ex.getRequestBody()) {
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        crc.update(buf, 0, r);
                        if (n < 65536) {
                            small.append(new String(buf, 0, (int) Math.min(r, 65536 - n), StandardCharsets.UTF_8));
                        }
                        n += r;
                    }
                }
                Seen s1 = new Seen(
                        ex.getRequestMethod(),
                        ex.getRequestURI().getRawPath()
                                + (ex.getRequestURI().getRawQuery() == null
                                        ? ""
                                        : "?" + ex.getRequestURI().getRawQuery()),
                        headers,
                        n,
                        small.toString(),
                        crc.getValue());
                u.seen.add(s1);
                u.behaviour.handle(ex, s1);
            }
        });
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.start();
        return u;
    }

    /** 200 {"counter":1} as the benchmark's upstream answers. */
    public static void ok(HttpExchange ex, Seen seen) throws IOException {
        respond(ex, 200, "{\"counter\":1}");
    }

    public static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }

    public void behave(Behaviour b) {
        this.behaviour = b;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public Seen last() {
        return seen.peekLast();
    }

    public List<Seen> all() {
        return List.copyOf(seen);
    }

    public void clear() {
        seen.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
