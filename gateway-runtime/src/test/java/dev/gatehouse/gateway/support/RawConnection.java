package dev.gatehouse.gateway.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client that writes raw bytes (malformed requests included) in one write and reads the responses that come back
 * (framed by Content-Length or chunked), until it has the number it waits for or the server closes the connection.
 */
public final class RawConnection implements AutoCloseable {

    /** One response: status line, headers (names lower-cased) and body. */
    public record Response(String statusLine, Map<String, List<String>> headers, String body) {
        public int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private boolean closed;

    public RawConnection(InetSocketAddress address) {
        try {
            socket = new Socket(address.getAddress(), address.getPort());
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code request} (ISO-8859-1) and reads one response, or null when the server closed without one. */
    public static Response exchange(InetSocketAddress address, String request) {
        try (RawConnection c = new RawConnection(address)) {
            c.send(request);
            return c.read();
        }
    }

    public void send(String bytes) {
        try {
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads up to {@code n} responses; fewer when the server closes the connection first. */
    public List<Response> read(int n) {
        List<Response> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Response r = read();
            if (r == null) {
                break;
            }
            out.add(r);
        }
        return out;
    }

    /** The next response, or null when the server closed the connection instead. */
    public Response read() {
        return readResponse(false);
    }

    /** The next response to a HEAD request: its head only, whatever its framing headers say. */
    public Response readHead() {
        return readResponse(true);
    }

    private Response readResponse(boolean headOnly) {
        try {
            String status = line();
            if (status == null) {
                closed = true;
                return null;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                headers.computeIfAbsent(h.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.substring(colon + 1).strip());
            }
            String body;
            List<String> te = headers.get("transfer-encoding");
            List<String> cl = headers.get("content-length");
            if (headOnly) {
                body = "";
            } else if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
                StringBuilder sb = new StringBuilder();
                for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
                    sb.append(new String(in.readNBytes(size), StandardCharsets.ISO_8859_1));
                    line();
                }
                line();
                body = sb.toString();
            } else {
                body = new String(
                        in.readNBytes(cl == null ? 0 : Integer.parseInt(cl.get(0))), StandardCharsets.ISO_8859_1);
            }
            return new Response(status, headers, body);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within 10 s", e);
        } catch (IOException e) {
            closed = true; // reset by the server
            return null;
        }
    }

    /** Whether the server has closed the connection: waits (up to the read timeout) for the end of the stream. */
    public boolean closedByServer() {
        if (closed) {
            return true;
        }
        try {
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("unexpected byte after the response: " + b);
            }
            closed = true;
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            closed = true;
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
