package dev.gatehouse.mesh.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fast writer behind an mTLS pair and a client that stops reading: the data planes stop reading from the writer
 * instead of buffering (only socket buffers and the channels' write high-water marks fill up), and every byte still
 * arrives, in order, once the client reads again.
 */
class BackpressureTest {
    private static final long TOTAL = 96L * 1024 * 1024; // > twice what loopback socket buffers on 3 hops can hold
    @TempDir
    Path dir;

    @Test
    void slowReaderStallsTheWriterAndNoByteIsLost() throws Exception {
        AtomicLong written = new AtomicLong();
        try (ServerSocket firehose = new ServerSocket(0, 10, InetAddress.getLoopbackAddress()); MeshBed bed = new MeshBed(dir)) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = firehose.accept(); OutputStream out = s.getOutputStream()) {
                    // Read the client's byte first: closing a socket with unread input sends RST, which would make
                    // the kernel discard data still in flight (plain TCP, nothing to do with the proxies).
                    s.getInputStream().read();
                    byte[] chunk = new byte[64 * 1024];
                    for (long sent = 0; sent < TOTAL; sent += chunk.length) {
                        for (int i = 0; i < chunk.length; i++) {
                            chunk[i] = (byte) ((sent + i) % 251);
                        }
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException ignored) {
                    // test over
                }
            });
            bed.mtlsMesh("bp");
            bed.sidecar("bp", "source-1", "source", firehose.getLocalPort(), "tcp");
            RunningDataplane sink = bed.sidecar("bp", "sink-1", "sink", 1, "tcp", "source");
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), sink.outbound("source").orElseThrow().getPort())) {
                client.getOutputStream().write('!'); // nothing else is ever sent; the firehose starts on accept
                Thread.sleep(2000);
                long stalledAt = written.get();
                System.out.printf("writer stalled after %.1f MiB of %d MiB while the client did not read%n",
                        stalledAt / 1048576.0, TOTAL / 1048576);
                assertThat(stalledAt).as("bounded buffering between a stalled reader and a fast writer").isLessThan(TOTAL / 2);
                InputStream in = client.getInputStream();
                byte[] buf = new byte[256 * 1024];
                long received = 0;
                int n;
                while (received < TOTAL && (n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] != (byte) ((received + i) % 251)) {
                            throw new AssertionError("byte " + (received + i) + " corrupted");
                        }
                    }
                    received += n;
                }
                assertThat(received).isEqualTo(TOTAL);
            }
        }
    }
}
