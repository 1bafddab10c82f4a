package dev.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.Setup;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A client that goes away in the middle of an upload, while the upstream has part of the body and no answer yet,
 * leaves no buffer behind: the body kept to replay on a retry is released with the exchange. Netty's leak detector
 * (paranoid: every buffer tracked) reports any buffer collected without its release.
 */
class AbortedUploadTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    @Test
    void theReplayBufferOfAnAbandonedUploadIsReleased() throws Exception {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        ListAppender<ILoggingEvent> reports = new ListAppender<>();
        reports.start();
        detector.addAppender(reports);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        AtomicLong received = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        try (ServerSocket silent = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> readForever(silent, received, closed)); // reads every byte, never answers
            Setup setup = new Setup(GW);
            String host = Setup.host();
            String svc = setup.service("http://127.0.0.1:" + silent.getLocalPort());
            setup.create("/routes", Map.of("hosts", List.of(host), "service", Map.of("id", svc)));
            for (int i = 0; i < 3; i++) {
                long before = received.get();
                try (Socket client = new Socket(
                        InetAddress.getLoopbackAddress(),
                        GW.gateway().proxyListen().getPort())) {
                    OutputStream out = client.getOutputStream();
                    out.write(("POST /upload HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 100000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[20000]);
                    out.flush();
                    await().atMost(Duration.ofSeconds(10)).until(() -> received.get() - before >= 20000);
                } // the client leaves with 80,000 bytes unsent
            }
            // the proxy closes each upstream connection once its client is gone: the exchange is over
            await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() == 3);
        } finally {
            try {
                awaitLeakReportsOfCollectedBuffers();
            } finally {
                ResourceLeakDetector.setLevel(level);
                detector.detachAppender(reports);
            }
        }
        assertThat(reports.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("LEAK") && !m.contains(CANARY));
    }

    private static final String CANARY = "leakCanary";

    /**
     * Collects garbage until a buffer leaked on purpose now is reported; buffers that became garbage before it are
     * reported by then (the detector drains its queue on each tracked allocation).
     */
    private void awaitLeakReportsOfCollectedBuffers() {
        Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        ListAppender<ILoggingEvent> canary = new ListAppender<>();
        canary.start();
        detector.addAppender(canary);
        try {
            leakCanary();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                System.gc();
                UnpooledByteBufAllocator.DEFAULT.directBuffer(8).release(); // a tracked allocation drains the queue
                return canary.list.stream()
                        .anyMatch(e -> e.getFormattedMessage().contains(CANARY));
            });
            System.gc();
            UnpooledByteBufAllocator.DEFAULT.directBuffer(8).release();
        } finally {
            detector.detachAppender(canary);
        }
    }

    private static void leakCanary() {
        ByteBuf leaked = UnpooledByteBufAllocator.DEFAULT.directBuffer(8);
        leaked.writeByte(1); // never released: its creation trace names this method
    }

    private static void readForever(ServerSocket server, AtomicLong received, AtomicLong closed) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (s;
                            InputStream in = s.getInputStream()) {
                        byte[] buf = new byte[8192];
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            received.addAndGet(n);
                        }
                    } catch (IOException ignored) {
                        // the proxy reset the connection
                    }
                    closed.incrementAndGet();
                });
            } catch (IOException e) {
                return;
            }
        }
    }
}
