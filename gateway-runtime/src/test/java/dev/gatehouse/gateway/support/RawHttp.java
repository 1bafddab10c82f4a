package dev.gatehouse.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange on a socket of its own, with bytes exactly as given (duplicate or odd headers, invalid
 * UTF-8, any Content-Type), and a deadline for the whole answer: a server that never answers is a timeout.
 */
public final class RawHttp {

    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** An answer: status, headers (last value wins, names case-insensitive), body. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Thrown when no complete answer came within the deadline. */
    public static final class NoAnswer extends IOException {
        public NoAnswer(String message) {
            super(message);
        }
    }

    /**
     * Sends a request with {@code Connection: close} and reads the answer.
     *
     * @param headers name, value pairs, sent as given (Content-Length is added unless present)
     */
    public Reply send(String method, String target, List<String[]> headers, byte[] body, int timeoutMillis)
            throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: admin\r\nConnection: close\r\n")
                .getBytes(StandardCharsets.UTF_8));
        boolean hasLength = false;
        for (String[] h : headers) {
            hasLength |= h[0].equalsIgnoreCase("Content-Length") || h[0].equalsIgnoreCase("Transfer-Encoding");
            req.writeBytes((h[0] + ": " + h[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!hasLength && body != null) {
            req.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        req.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            req.writeBytes(body);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    s.getOutputStream().write(req.toByteArray());
                    s.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the server may answer (413, 400) and close before reading everything
                }
            });
            try {
                return read(s.getInputStream(), method.equals("HEAD"), deadline);
            } catch (SocketTimeoutException e) {
                throw new NoAnswer("no answer within " + timeoutMillis + " ms");
            } finally {
                writer.interrupt();
            }
        }
    }

    private static Reply read(InputStream in, boolean head, long deadline) throws IOException {
        String status = line(in, deadline);
        if (status == null || !status.startsWith("HTTP/1.")) {
            throw new NoAnswer("connection closed without an answer" + (status == null ? "" : ": " + status));
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String h = line(in, deadline); h != null && !h.isEmpty(); h = line(in, deadline)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
            }
        }
        int length = headers.containsKey("Content-Length") ? Integer.parseInt(headers.get("Content-Length")) : -1;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (!head) {
            byte[] buf = new byte[8192];
            while (length < 0 || body.size() < length) {
                check(deadline);
                int n = in.read(buf, 0, length < 0 ? buf.length : Math.min(buf.length, length - body.size()));
                if (n < 0) {
                    break;
                }
                body.write(buf, 0, n);
            }
        }
        return new Reply(Integer.parseInt(status.split(" ")[1]), headers, body.toByteArray());
    }

    private static String line(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            check(deadline);
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void check(long deadline) throws NoAnswer {
        if (System.nanoTime() > deadline) {
            throw new NoAnswer("answer not complete before the deadline");
        }
    }
}
