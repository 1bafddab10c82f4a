package dev.gatehouse.mesh.dataplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A real TCP echo application on a free loopback port (one virtual thread per connection). */
final class EchoServer implements AutoCloseable {
    private final ServerSocket server;
    final AtomicInteger accepted = new AtomicInteger();

    EchoServer() throws IOException {
        server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    Thread.ofVirtual().start(() -> echo(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private static void echo(Socket s) {
        try (s;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // peer went away
        }
    }

    int port() {
        return server.getLocalPort();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
