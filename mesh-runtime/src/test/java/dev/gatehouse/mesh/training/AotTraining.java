package dev.gatehouse.mesh.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.ControlPlaneConfig;
import dev.gatehouse.mesh.RunningControlPlane;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The training run behind {@code target/gatehouse-mesh.aot} (issue 20), run by the build after it made the launcher:
 * one {@code gatehouse-mesh dataplane} process, started through the launcher as the README documents, carries a
 * sidecar pair's traffic while the JVM records the JDK 25 AOT cache ({@code -XX:AOTCacheOutput}: loaded classes and
 * method profiles, JEP 483/515). The launcher then maps that cache at every start, so a sidecar begins with the classes
 * linked and its JIT knows the hot paths, the rare ones included.
 *
 * <p>Why the rare ones matter: a JIT that compiled the relay path before it ever saw a connection close, a new
 * handshake or a denial throws that code away the first time one happens (an {@code unstable_if} or
 * {@code class_check} deoptimization), and every connection on that event loop runs interpreted until the method is
 * compiled again. Measured on the two-process pair: 62 and 42 such deoptimizations in the relay path during the
 * benchmark's 8 s, and its p99 at 1.2-2.1x the HAProxy pair's. So the traffic here is what a sidecar meets, not one
 * benchmark: a control plane with the builtin CA and a TrafficPermission checked on every connection; a server data
 * plane with a {@code tcp} and an {@code http} inbound in front of a small HTTP upstream that closes one connection in
 * a thousand (nginx's {@code keepalive_requests}); a client data plane (a delegated gateway) with an outbound to
 * each; 64 kept-alive clients; then new connections with {@code Connection: close}; and connections that the
 * permissions refuse. Both data planes run in the trained process, so the cache serves either side.
 *
 * <p>Arguments: the launcher, the cache to write, a work directory, and the seconds of kept-alive load. Exit 0 with
 * the cache written, or when the launcher's Java cannot make one (before JDK 25: it then says so); 1 otherwise.
 */
public final class AotTraining {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 64;
    private static final int CLOSE_ONE_IN = 1_000;

    private final Path launcher;
    private final Path cache;
    private final Path work;
    private final Duration load;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private AotTraining(Path launcher, Path cache, Path work, Duration load) {
        this.launcher = launcher;
        this.cache = cache;
        this.work = work;
        this.load = load;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: AotTraining LAUNCHER CACHE WORK_DIR LOAD_SECONDS");
            System.exit(2);
        }
        AotTraining training = new AotTraining(
                Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Duration.ofSeconds(Long.parseLong(args[3])));
        int status;
        try {
            status = training.run();
        } catch (Exception e) {
            System.err.println("AOT training failed: " + e);
            status = 1;
        }
        // The control plane's and the HTTP client's threads are not daemons.
        System.exit(status);
    }

    private int run() throws Exception {
        Files.deleteIfExists(cache);
        Files.createDirectories(work);
        long started = System.nanoTime();
        Upstream upstream = Upstream.start();
        try (RunningControlPlane cp = ControlPlane.start(ControlPlaneConfig.defaults(work.resolve("cp"))
                .withApiListen(new InetSocketAddress("127.0.0.1", 0))
                .withCreateDefaultAllowAll(false))) {
            URI api = cp.apiUri();
            put(api, "/meshes/default", """
                    {"type":"Mesh","name":"default",
                     "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}}""");
            // Only the client may call: the third data plane below is refused.
            put(api, "/meshes/default/traffic-permissions/train-client", """
                    {"type":"TrafficPermission","name":"train-client","mesh":"default",
                     "sources":[{"match":{"kuma.io/service":"train-client"}}],
                     "destinations":[{"match":{"kuma.io/service":"*"}}]}""");
            Path server = write("server.json", """
                    {"type":"Dataplane","mesh":"default","name":"train-server","networking":{"address":"127.0.0.1",
                     "inbound":[
                      {"port":0,"servicePort":%1$d,"tags":{"kuma.io/service":"train-tcp","kuma.io/protocol":"tcp"}},
                      {"port":0,"servicePort":%1$d,"tags":{"kuma.io/service":"train-http","kuma.io/protocol":"http"}}
                     ]}}""".formatted(upstream.port()));
            Path client = write("client.json", gateway("train-client"));
            Path refused = write("refused.json", gateway("train-refused"));
            Process dataplane = startDataplane(api, server, client, refused);
            long requests;
            try {
                InetSocketAddress tcp = outbound(api, "train-client", 0);
                InetSocketAddress httpService = outbound(api, "train-client", 1);
                InetSocketAddress denied = outbound(api, "train-refused", 0);
                awaitReady(tcp, dataplane);
                requests = keptAlive(List.of(tcp, httpService), load)
                        + closing(List.of(tcp, httpService), Duration.ofSeconds(3))
                        // the server side refuses these: no permission names train-refused
                        + closing(List.of(denied), Duration.ofSeconds(1));
            } catch (Exception e) {
                dataplane.destroyForcibly();
                throw e;
            }
            // SIGTERM: the JVM exits normally and writes the cache (JDK 25 assembles it in a child JVM first).
            dataplane.destroy();
            if (!dataplane.waitFor(5, TimeUnit.MINUTES)) {
                dataplane.destroyForcibly();
                throw new IOException("the data plane did not exit within 5 minutes of SIGTERM");
            }
            String took = "%.0f s".formatted((System.nanoTime() - started) / 1e9);
            if (Files.isRegularFile(cache)) {
                System.out.printf(
                        "AOT cache %s: %d MB from %d requests in %s%n", cache, Files.size(cache) >> 20, requests, took);
                return 0;
            }
            String log = Files.readString(work.resolve("dataplane.log"));
            System.out.printf(
                    "no AOT cache after %d requests in %s; the data plane's output:%n%s%n", requests, took, log);
            return log.contains("gatehouse-mesh: no AOT cache") ? 0 : 1;
        } finally {
            upstream.stop();
        }
    }

    private static String gateway(String service) {
        return """
                {"type":"Dataplane","mesh":"default","name":"%1$s","networking":{"address":"127.0.0.1",
                 "gateway":{"type":"DELEGATED","tags":{"kuma.io/service":"%1$s"}},
                 "outbound":[{"port":0,"tags":{"kuma.io/service":"train-tcp"}},
                             {"port":0,"tags":{"kuma.io/service":"train-http"}}]}}""".formatted(service);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(work.resolve(name), content);
    }

    private Process startDataplane(URI api, Path... files) throws IOException {
        List<String> command =
                new ArrayList<>(List.of(launcher.toString(), "dataplane", "--cp-address", api.toString()));
        for (Path file : files) {
            command.addAll(List.of("--dataplane-file", file.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("dataplane.log").toFile());
        builder.environment().put("GATEHOUSE_MESH_AOT_CACHE_OUTPUT", cache.toString());
        return builder.start();
    }

    /** The address of a data plane's outbound, as it registered it (port 0 binds a free port). */
    private InetSocketAddress outbound(URI api, String dataplane, int index) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(api.resolve("/meshes/default/dataplanes/" + dataplane))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode outbound = JSON.readTree(response.body())
                        .path("networking")
                        .path("outbound")
                        .path(index);
                int port = outbound.path("port").asInt();
                if (port > 0) {
                    return new InetSocketAddress(outbound.path("address").asText("127.0.0.1"), port);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(dataplane + " did not register within 60 s");
            }
            Thread.sleep(100);
        }
    }

    private void awaitReady(InetSocketAddress outbound, Process dataplane) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (get(outbound).get(5, TimeUnit.SECONDS) == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // the certificates or the permissions have not reached the data planes yet
            }
            if (!dataplane.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("the data plane did not carry a request within 60 s");
            }
            Thread.sleep(100);
        }
    }

    private CompletableFuture<Integer> get(InetSocketAddress outbound) {
        URI uri = URI.create("http://" + outbound.getHostString() + ":" + outbound.getPort() + "/");
        // a timeout: a request the pair dropped ends the loop's turn instead of stalling it
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    /** {@link #CLIENTS} requests in flight, spread over the outbounds, on kept-alive connections. */
    private long keptAlive(List<InetSocketAddress> outbounds, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong done = new AtomicLong();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            CompletableFuture<Void> client = new CompletableFuture<>();
            loop(outbounds.get(i % outbounds.size()), end, done, client);
            clients.add(client);
        }
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new))
                .get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return done.get();
    }

    private void loop(InetSocketAddress outbound, long end, AtomicLong done, CompletableFuture<Void> finished) {
        get(outbound).whenComplete((status, failure) -> {
            if (failure == null) {
                done.incrementAndGet();
            }
            if (System.nanoTime() < end) {
                loop(outbound, end, done, finished);
            } else {
                finished.complete(null);
            }
        });
    }

    /** A new connection per request, {@code Connection: close}, from 8 threads: handshakes and closes. */
    private static long closing(List<InetSocketAddress> outbounds, Duration duration) throws Exception {
        byte[] request =
                "GET / HTTP/1.1\r\nHost: train\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong done = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            InetSocketAddress outbound = outbounds.get(i % outbounds.size());
            threads.execute(() -> {
                byte[] buffer = new byte[4096];
                while (System.nanoTime() < end) {
                    try (Socket socket = new Socket(outbound.getAddress(), outbound.getPort())) {
                        socket.setSoTimeout(5_000);
                        socket.getOutputStream().write(request);
                        InputStream in = socket.getInputStream();
                        while (in.read(buffer) >= 0) {
                            // read to the end: the chain closes after the response (or at once when refused)
                        }
                        done.incrementAndGet();
                    } catch (IOException resetOrTimedOut) {
                        // not counted; the load goes on
                    }
                }
            });
        }
        threads.shutdown();
        threads.awaitTermination(duration.toSeconds() + 30, TimeUnit.SECONDS);
        return done.get();
    }

    private void put(URI api, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(path + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** A small HTTP server in front of which the server data plane sits; it closes one connection in a thousand. */
    private record Upstream(HttpServer server, ExecutorService threads) {
        static Upstream start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            byte[] body = "Gatehouse AOT training upstream\n".getBytes(StandardCharsets.US_ASCII);
            AtomicLong served = new AtomicLong();
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                if (served.incrementAndGet() % CLOSE_ONE_IN == 0) {
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            ExecutorService threads = Executors.newFixedThreadPool(4);
            server.setExecutor(threads);
            server.start();
            return new Upstream(server, threads);
        }

        int port() {
            return server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
