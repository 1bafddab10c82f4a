package dev.gatehouse.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately lenient upstream, as the servers request smuggling exploits: it records every byte it receives per
 * connection, splits lines on a bare LF, trims whitespace around header names ({@code Transfer-Encoding : chunked}
 * counts), prefers {@code Transfer-Encoding: chunked} over {@code Content-Length}, and answers every request it parses
 * on a kept-alive connection with {@code 200} and the request's path as the body (and in {@code X-Path}).
 */
public final class LenientUpstream implements AutoCloseable {

    /** A request as this upstream parsed it: its connection number, request line, headers (names lower-cased). */
    public record Request(int connection, String line, Map<String, List<String>> headers, String body) {
        public String path() {
            String[] parts = line.split(" ");
            return parts.length > 1 ? parts[1] : "";
        }

        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    /** One accepted connection: what it received and whether the proxy closed it. */
    public static final class Connection {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile boolean closedByPeer;

        public synchronized String received() {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }

        synchronized void record(int b) {
            bytes.write(b);
        }

        public boolean closedByPeer() {
            return closedByPeer;
        }
    }

    private final ServerSocket socket;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    private LenientUpstream(ServerSocket socket) {
        this.socket = socket;
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    Connection c = new Connection();
                    connections.add(c);
                    int id = accepted.getAndIncrement();
                    Thread.ofVirtual().start(() -> serve(s, c, id));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public static LenientUpstream start() throws IOException {
        return new LenientUpstream(new ServerSocket(0, 128, InetAddress.getLoopbackAddress()));
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The connections accepted so far, in order. */
    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** The requests parsed so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Every byte received so far, all connections, in accept order. */
    public String received() {
        StringBuilder sb = new StringBuilder();
        connections.forEach(c -> sb.append(c.received()));
        return sb.toString();
    }

    private void serve(Socket s, Connection c, int id) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new RecordingInput(s.getInputStream(), c);
            OutputStream out = s.getOutputStream();
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                if (line.isEmpty()) {
                    continue;
                }
                Map<String, List<String>> headers = new LinkedHashMap<>();
                for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
                    int colon = h.indexOf(':');
                    if (colon > 0) {
                        headers.computeIfAbsent(
                                        h.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                                .add(h.substring(colon + 1).strip());
                    }
                }
                String te = String.join(",", headers.getOrDefault("transfer-encoding", List.of()));
                String body;
                if (te.toLowerCase(Locale.ROOT).contains("chunked")) {
                    body = readChunked(in);
                } else {
                    List<String> cl = headers.getOrDefault("content-length", List.of("0"));
                    body = readFixed(
                            in, Integer.parseInt(cl.get(0).split(",")[0].strip()));
                }
                if (body == null) {
                    return;
                }
                Request r = new Request(id, line, headers, body);
                requests.add(r);
                String path = r.path();
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + path.length() + "\r\nX-Path: " + path + "\r\n\r\n"
                                + path)
                        .getBytes(StandardCharsets.ISO_8859_1)); // one write: no Nagle delay between head and body
                out.flush();
            }
        } catch (IOException | RuntimeException ignored) {
            // the proxy went away or sent something this parser gives up on
        }
    }

    private static String readChunked(InputStream in) throws IOException {
        StringBuilder body = new StringBuilder();
        while (true) {
            String size = readLine(in);
            if (size == null) {
                return null;
            }
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
            if (n == 0) {
                for (String t = readLine(in); t != null && !t.isEmpty(); t = readLine(in)) {
                    // trailers are ignored
                }
                return body.toString();
            }
            String chunk = readFixed(in, n);
            if (chunk == null) {
                return null;
            }
            body.append(chunk);
            readLine(in);
        }
    }

    private static String readFixed(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        return b.length < n ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    /** A line ended by LF (a CR before it is dropped), or null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** Copies every byte read into the connection's record and notes the end of the stream. */
    private static final class RecordingInput extends InputStream {
        private final InputStream in;
        private final Connection c;

        RecordingInput(InputStream in, Connection c) {
            this.in = new java.io.BufferedInputStream(in);
            this.c = c;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                c.closedByPeer = true; // reset
                throw e;
            }
            if (b < 0) {
                c.closedByPeer = true;
            } else {
                c.record(b);
            }
            return b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
