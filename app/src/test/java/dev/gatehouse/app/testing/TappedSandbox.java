package dev.gatehouse.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.app.embedded.EmbeddedAddresses;
import dev.gatehouse.app.embedded.EmbeddedPlatform;
import dev.gatehouse.app.sandbox.RunningSandbox;
import dev.gatehouse.app.sandbox.Sandbox;
import dev.gatehouse.app.sandbox.SandboxConfig;
import dev.gatehouse.app.traffic.HopTwins;
import dev.gatehouse.app.traffic.KongLogEntries;
import dev.gatehouse.app.traffic.MeshAccessLogLines;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.TrafficSource;
import dev.gatehouse.app.traffic.TrafficWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The embedded sandbox with its traffic tapped, for tests and the speed bench until the console's own embedded
 * source exists: the data planes send their access log (JSON lines, Gatehouse's TCP backend) to a collector here,
 * and {@link #source()} adds a global http-log plugin that posts Kong's log serializer to a second collector. Both
 * parse what they receive with the console's readers into the sink of the running watch.
 */
public final class TappedSandbox implements EmbeddedPlatform {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final ServerSocket accessLog;
    private volatile TrafficSink sink;
    private CompletableFuture<EmbeddedAddresses> started;
    private RunningSandbox sandbox;

    public TappedSandbox(Path dataDir) {
        this.dataDir = dataDir;
        try {
            accessLog = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread.ofPlatform().daemon().name("test-access-log").start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!accessLog.isClosed()) {
            try {
                Socket s = accessLog.accept();
                Thread.ofVirtual().start(() -> readLines(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readLines(Socket socket) {
        try (socket;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                TrafficSink to = sink;
                if (to != null && !line.isBlank()) {
                    to.accept(MeshAccessLogLines.parse(JSON.readTree(line), System.nanoTime()));
                }
            }
        } catch (IOException e) {
            // the data plane went away
        }
    }

    @Override
    public synchronized CompletableFuture<EmbeddedAddresses> start(Consumer<String> progress) {
        if (started == null) {
            started = CompletableFuture.supplyAsync(() -> {
                RunningSandbox running = Sandbox.start(
                        SandboxConfig.ephemeral(dataDir)
                                .withAccessLog(new InetSocketAddress("127.0.0.1", accessLog.getLocalPort())),
                        progress);
                synchronized (this) {
                    sandbox = running;
                }
                return new EmbeddedAddresses(running.admin(), running.proxy(), Optional.of(running.controlPlane()));
            });
        }
        return started;
    }

    @Override
    public synchronized Optional<EmbeddedAddresses> running() {
        return started != null && started.isDone() && !started.isCompletedExceptionally()
                ? Optional.of(started.join())
                : Optional.empty();
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    /** The gateway's proxy, once started. */
    public URI proxy() {
        return running().orElseThrow().gatewayProxy();
    }

    /**
     * A source delivering the data planes' access log and the gateway's requests (through a global http-log plugin
     * it adds on start and removes on close).
     */
    public TrafficSource source() {
        return this::watch;
    }

    private TrafficWatch watch(TrafficSink to) throws Exception {
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        collector.createContext("/", exchange -> {
            long received = System.nanoTime();
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            for (JsonNode entry : body.isArray() ? body : JSON.createArrayNode().add(body)) {
                to.accept(KongLogEntries.parse(entry, received));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        collector.start();
        URI admin = running().orElseThrow().gatewayAdmin();
        String plugin = "{\"name\":\"http-log\",\"config\":{\"http_endpoint\":\"http://127.0.0.1:"
                + collector.getAddress().getPort()
                + "/\",\"queue\":{\"max_batch_size\":100,\"max_coalescing_delay\":0.02}}}";
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> added = http.send(
                HttpRequest.newBuilder(admin.resolve("/plugins"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(plugin))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (added.statusCode() != 201) {
            collector.stop(0);
            throw new IllegalStateException("http-log not added: " + added.body());
        }
        String id = JSON.readTree(added.body()).path("id").asText();
        HopTwins hops = new HopTwins(to); // as the console's mesh sources: inbound records are named by their twins
        sink = hops;
        return new TrafficWatch() {
            @Override
            public String summary() {
                return "test tap: http-log " + id + " and the data planes' access log";
            }

            @Override
            public void close() {
                sink = null;
                hops.close();
                collector.stop(0);
                try {
                    http.send(
                            HttpRequest.newBuilder(admin.resolve("/plugins/" + id))
                                    .DELETE()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (IOException | InterruptedException e) {
                    // the sandbox is closing too
                }
            }
        };
    }

    @Override
    public void close() {
        CompletableFuture<EmbeddedAddresses> pending;
        synchronized (this) {
            pending = started;
        }
        if (pending != null) {
            try {
                pending.join();
            } catch (RuntimeException e) {
                // nothing started
            }
        }
        synchronized (this) {
            if (sandbox != null) {
                sandbox.close();
            }
        }
        try {
            accessLog.close();
        } catch (IOException e) {
            // closing
        }
    }
}
