package dev.gatehouse.app.kubernetes.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mock API server's dispatcher with the kubelet's side of {@code pods/portforward}: a pod's port bridged to a
 * real socket on this machine, so bytes sent through Fabric8's {@code LocalPortForward} reach a real server and its
 * answer comes back. The protocol is the kubelet's websocket one ({@code v4.channel.k8s.io},
 * the kubelet's cri/streaming/portforward/websocket.go): per port a data channel 0 and an error channel 1, each
 * announced by a first frame holding the port (two bytes, little-endian), then frames of one channel byte followed by
 * the bytes; a port that cannot be reached answers on the error channel, as the kubelet's "error forwarding port".
 * Paths with no bridge go to Fabric8's own dispatcher (expectations, then CRUD).
 */
public final class PodTunnels extends KubernetesMixedDispatcher {

    private final Map<String, InetSocketAddress> bridges = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();

    public PodTunnels(Map<ServerRequest, Queue<ServerResponse>> responses) {
        super(responses);
    }

    /** Bridges {@code namespace/pod}'s {@code port} to {@code target}. */
    public void bridge(String namespace, String pod, int port, InetSocketAddress target) {
        bridges.put(path(namespace, pod, port), target);
    }

    /** How many port-forward websockets were opened through a bridge (one per local connection). */
    public int opened() {
        return opened.get();
    }

    private static String path(String namespace, String pod, int port) {
        return "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/portforward?ports=" + port;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        InetSocketAddress target = bridges.get(request.getPath());
        if (target == null) {
            return super.dispatch(request);
        }
        int port =
                Integer.parseInt(request.getPath().substring(request.getPath().lastIndexOf('=') + 1));
        opened.incrementAndGet();
        return new MockResponse().withWebSocketUpgrade(new Bridge(port, target));
    }

    /** One forwarded connection: the websocket on one side, a socket to the target on the other. */
    private static final class Bridge extends WebSocketListener {

        private final int port;
        private final InetSocketAddress target;
        private volatile Socket socket;

        Bridge(int port, InetSocketAddress target) {
            this.port = port;
            this.target = target;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            byte[] announce = {0, (byte) (port & 0xff), (byte) (port >> 8)};
            webSocket.send(announce.clone());
            announce[0] = 1;
            webSocket.send(announce);
            try {
                // A loopback connect: short enough for the mock server's event loop.
                socket = new Socket(target.getAddress(), target.getPort());
            } catch (IOException e) {
                byte[] text = ("error forwarding port " + port + " to pod: dial tcp " + target.getHostString() + ":"
                                + target.getPort() + ": " + e.getMessage())
                        .getBytes(StandardCharsets.UTF_8);
                byte[] frame = new byte[text.length + 1];
                frame[0] = 1;
                System.arraycopy(text, 0, frame, 1, text.length);
                webSocket.send(frame);
                webSocket.close(1000, "");
                return;
            }
            Thread.ofVirtual().name("pod-tunnel").start(() -> pump(webSocket));
        }

        private void pump(WebSocket webSocket) {
            byte[] buffer = new byte[8192];
            try (InputStream in = socket.getInputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    byte[] frame = new byte[read + 1];
                    System.arraycopy(buffer, 0, frame, 1, read);
                    webSocket.send(frame);
                }
            } catch (IOException e) {
                // the other side closed the socket; the websocket closes below
            }
            webSocket.close(1000, "");
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            if (bytes.length < 2 || bytes[0] != 0 || socket == null) {
                return;
            }
            try {
                socket.getOutputStream().write(Arrays.copyOfRange(bytes, 1, bytes.length));
            } catch (IOException e) {
                webSocket.close(1011, "target closed");
            }
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            close();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            close();
        }

        private void close() {
            Socket current = socket;
            if (current != null) {
                try {
                    current.close();
                } catch (IOException e) {
                    // already closed by the target
                }
            }
        }
    }
}
