package dev.gatehouse.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the control plane also closes the API connections it accepted: a client that kept one alive sees it end
 * instead of writing its next request into a connection nobody serves any more.
 */
class ControlPlaneCloseTest {
    @TempDir
    Path dir;

    @RepeatedTest(10) // it stayed open in about one run of three before the fix
    void closeEndsKeptAliveApiConnections() throws Exception {
        RunningControlPlane cp = TestControlPlanes.start(Files.createTempDirectory(dir, "cp"));
        InetSocketAddress api = new InetSocketAddress("127.0.0.1", cp.apiUri().getPort());
        try (Socket s = new Socket(api.getAddress(), api.getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = new byte[12];
            assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            drainAvailable(in);

            cp.close();

            // The connection must end (EOF or reset) within the read timeout, not stay open and unserved.
            boolean ended;
            try {
                int b;
                do {
                    b = in.read();
                } while (b >= 0);
                ended = true;
            } catch (SocketTimeoutException e) {
                ended = false;
            } catch (java.io.IOException e) {
                ended = true; // reset
            }
            assertThat(ended)
                    .as("the kept-alive connection ended when the control plane closed")
                    .isTrue();
        } finally {
            cp.close();
        }
    }

    @Test
    void aPooledClientReachesTheRestartedControlPlaneOnTheSamePort() throws Exception {
        // PermissionHotUpdateTest's shape: a client keeps a pooled connection to the first control plane, which
        // closes; a second one starts on the same port; the client's next request must not hang on the old one.
        RunningControlPlane first = TestControlPlanes.start(dir.resolve("a"));
        ControlPlaneConfig again = ControlPlaneConfig.defaults(dir.resolve("b"))
                .withApiListen(new InetSocketAddress("127.0.0.1", first.apiUri().getPort()));
        Http http = new Http(first.apiUri());
        assertThat(http.get("/meshes/default").status()).isEqualTo(200);
        first.close();
        try (RunningControlPlane second = ControlPlane.start(again)) {
            long start = System.nanoTime();
            assertThat(http.delete("/meshes/default/traffic-permissions/allow-all-default")
                            .status())
                    .isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000)
                    .as("ms for the request")
                    .isLessThan(5000);
        }
    }

    /** Reads the rest of the first response that has already arrived. */
    private static void drainAvailable(InputStream in) throws java.io.IOException {
        while (in.available() > 0) {
            in.skip(in.available());
        }
    }
}
