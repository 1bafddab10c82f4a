package dev.gatehouse.mesh.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fast writer behind an mTLS pair and a client that stops reading: the data planes stop reading from the writer
 * instead of buffering (only socket buffers and the channels' write high-water marks fill up), and every byte still
 * arrives, in order, once the client reads again.
 *
 * <p>The writer offers more than the kernel can ever hold on the three TCP hops (each at most its send plus its
 * receive buffer, autotuned up to {@code tcp_wmem} and {@code tcp_rmem}'s maximum) plus {@link #PROXY_ALLOWANCE}. So
 * it can finish only if the data planes buffer without bound: a stalled writer short of {@code total} is the property,
 * whatever the kernel's autotuning did (a fixed 96 MiB once met 49.8 MiB of socket buffers on a kernel whose
 * {@code tcp_rmem} maximum is 32 MiB).
 */
class BackpressureTest {
    /** What the two data planes may hold between them before their buffering counts as unbounded. */
    private static final long PROXY_ALLOWANCE = 32L * 1024 * 1024;

    private static final int HOPS = 3;

    @TempDir
    Path dir;

    @Test
    void slowReaderStallsTheWriterAndNoByteIsLost() throws Exception {
        long total = HOPS * (maxBuffer("tcp_wmem") + maxBuffer("tcp_rmem")) + PROXY_ALLOWANCE;
        AtomicLong written = new AtomicLong();
        try (ServerSocket firehose = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                MeshBed bed = new MeshBed(dir)) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = firehose.accept();
                        OutputStream out = s.getOutputStream()) {
                    // Read the client's byte first: closing a socket with unread input sends RST, which would make
                    // the kernel discard data still in flight (plain TCP, nothing to do with the proxies).
                    s.getInputStream().read();
                    byte[] chunk = new byte[64 * 1024];
                    for (long sent = 0; sent < total; sent += chunk.length) {
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
            try (Socket client = new Socket(
                    InetAddress.getLoopbackAddress(),
                    sink.outbound("source").orElseThrow().getPort())) {
                client.getOutputStream().write('!'); // nothing else is ever sent; the firehose starts on accept
                long stalledAt = stalled(written);
                System.out.printf(
                        "writer stalled after %.1f MiB of %d MiB while the client did not read%n",
                        stalledAt / 1048576.0, total / 1048576);
                assertThat(stalledAt)
                        .as("bounded buffering between a stalled reader and a fast writer")
                        .isLessThan(total);
                InputStream in = client.getInputStream();
                byte[] buf = new byte[256 * 1024];
                long received = 0;
                int n;
                while (received < total && (n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] != (byte) ((received + i) % 251)) {
                            throw new AssertionError("byte " + (received + i) + " corrupted");
                        }
                    }
                    received += n;
                }
                assertThat(received).isEqualTo(total);
            }
        }
    }

    /** The writer's count once it has not moved for a second (it is blocked in a full socket), polled with a deadline. */
    private static long stalled(AtomicLong written) {
        long[] last = {-1};
        long[] stillSince = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    long now = written.get();
                    if (now != last[0]) {
                        last[0] = now;
                        stillSince[0] = System.nanoTime();
                        return false;
                    }
                    return System.nanoTime() - stillSince[0]
                            >= Duration.ofSeconds(1).toNanos();
                });
        return last[0];
    }

    /** The largest buffer Linux autotunes a TCP socket's {@code name} side to; 8 MiB where that is not readable. */
    private static long maxBuffer(String name) throws IOException {
        Path sysctl = Path.of("/proc/sys/net/ipv4", name);
        if (!Files.isReadable(sysctl)) {
            return 8L * 1024 * 1024;
        }
        // Not readString: JDK 25 reads one byte of a procfs file (its size is 0); a stream reads it whole.
        String[] minDefaultMax = Files.readAllLines(sysctl).get(0).trim().split("\\s+");
        return Long.parseLong(minDefaultMax[2]);
    }
}
