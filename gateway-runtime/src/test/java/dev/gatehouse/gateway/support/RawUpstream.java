package dev.gatehouse.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A hand-written upstream for cases a well-behaved server cannot produce: it reads each request head (bodies must
 * be empty) and writes whatever raw bytes {@code reply} returns for it, keeping the connection open for the next
 * request; a null reply closes the connection. Counts accepted connections.
 */
public final class RawUpstream implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    /** Ends a reply to close the connection after writing it (a close-delimited body). */
    public static final String CLOSE = "\u0000close";

    private RawUpstream(ServerSocket socket, Function<String, String> reply) {
        this.socket = socket;
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(s, reply));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public static RawUpstream start(Function<String, String> reply) throws IOException {
        return new RawUpstream(new ServerSocket(0, 128, InetAddress.getLoopbackAddress()), reply);
    }

    private void serve(Socket s, Function<String, String> reply) {
        try (s) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            while (true) {
                StringBuilder head = new StringBuilder();
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    head.append(line).append("\r\n");
                }
                if (line == null) {
                    return;
                }
                requests.incrementAndGet();
                String r = reply.apply(head.toString());
                if (r == null) {
                    return;
                }
                boolean close = r.endsWith(CLOSE);
                out.write((close ? r.substring(0, r.length() - CLOSE.length()) : r)
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
