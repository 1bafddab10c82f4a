package dev.gatehouse.app.pages.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.SandboxDemo;
import dev.gatehouse.app.testing.TappedSandbox;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.app.traffic.HopTwins;
import dev.gatehouse.app.traffic.KongLogEntries;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.MeshAccessLogLines;
import dev.gatehouse.app.traffic.TrafficBatch;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.TrafficSource;
import dev.gatehouse.app.traffic.TrafficWatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Speed figures of live traffic (issue 15), not a test: the real console on the embedded sandbox with the Topology
 * page showing, fed (a) 5,000 generated events a second for 60 s into the traffic feed's sink (the sandbox's mix:
 * gateway requests with and without the key, their mesh hops' records on both sides), (b) real requests through the
 * sandbox's proxy, as fast as the machine allows, tapped from the data planes' access log and an http-log plugin.
 * It measures frame intervals (an AnimationTimer), request to screen (from an event's receive time to the pulse
 * that showed it: the graph's {@code shownThrough}, read after that pulse's layout), and the process's RSS every
 * 5 s. Run with {@code app/bench/traffic-bench.sh}; {@code --shots DIR} writes light and dark screenshots instead;
 * {@code -Dbench.graphOnly=true} (in GATEHOUSE_BENCH_OPTS) leaves the Live traffic page closed.
 */
public final class TrafficBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "bench-secret-key";

    private TrafficBench() {}

    public static void main(String[] args) throws Exception {
        Platform.startup(() -> {});
        Path dir = Files.createTempDirectory("traffic-bench");
        Console console = Console.start(dir);
        try {
            if (args.length >= 2 && args[0].equals("--shots")) {
                shots(console, Path.of(args[1]));
            } else if (args.length >= 1 && args[0].equals("--real")) {
                int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
                int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
                real(console, seconds, clients);
            } else {
                int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
                int rate = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
                generated(console, seconds, rate);
            }
        } finally {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            Platform.runLater(() -> {
                console.context.close();
                closed.complete(null);
            });
            closed.get(60, TimeUnit.SECONDS);
            Platform.exit();
            System.exit(0);
        }
    }

    /** The console on the tapped sandbox, the seed's gateway half loaded, the Topology page drawn. */
    private record Console(AppContext context, TappedSandbox sandbox, Stage stage, TopologyView view) {

        static Console start(Path dir) throws Exception {
            TappedSandbox sandbox = new TappedSandbox(dir.resolve("data/sandbox"));
            CompletableFuture<Object[]> started = new CompletableFuture<>();
            Platform.runLater(() -> {
                AppContext context = new AppContext(
                        new AppDirectories(dir.resolve("config"), dir.resolve("data")),
                        Locale.ROOT,
                        sandbox,
                        new FileSecretStore(dir.resolve("config")),
                        new VirtualThreadExecutor(),
                        new FxUiExecutor(),
                        new RecordingDialogService());
                Stage stage = new Stage();
                context.createMainWindow().showIn(stage, context.theme());
                stage.setWidth(1400);
                stage.setHeight(900);
                context.start();
                started.complete(new Object[] {context, stage});
            });
            Object[] made = started.get(60, TimeUnit.SECONDS);
            AppContext context = (AppContext) made[0];
            ActiveConnection connection = context.connection();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!(connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                    && connection.meshHealthProperty().get().isUp()
                    && connection.gatewayHealthProperty().get().isUp())) {
                check(deadline, "the sandbox did not connect");
                frames(5);
            }
            TestRuntimes.loadConfig(connection.apis().gateway().orElseThrow().address(), """
                    _format_version: "3.0"
                    consumers:
                    - username: alice
                      keyauth_credentials:
                      - key: %s
                    services:
                    - name: demo
                      url: http://demo-app.mesh:80
                      routes:
                      - name: demo-rt
                        paths: [/]
                      plugins:
                      - name: key-auth
                    - name: status
                      url: http://status.example.com
                      routes:
                      - name: status-rt
                        paths: [/status]
                    """.formatted(KEY));
            Platform.runLater(() -> context.shell().navigate(TopologyPage.ID));
            TopologyViewModel model = (TopologyViewModel) context.pageModel(TopologyPage.ID);
            while (model.drawingProperty().get().graph().nodes().size() < 6) {
                check(deadline, "graph not drawn: " + model.errorProperty().get());
                frames(5);
            }
            frames(30);
            CompletableFuture<TopologyView> view = new CompletableFuture<>();
            Platform.runLater(
                    () -> view.complete(find(((Stage) made[1]).getScene().getRoot())));
            return new Console(context, sandbox, (Stage) made[1], view.get(10, TimeUnit.SECONDS));
        }

        /**
         * The hook for the Live traffic page (issue 15, H3): when the console has a real page with id
         * {@code traffic}, its view is shown in a second window next to the graph, so both listen to the feed.
         */
        void openTrafficLog() throws Exception {
            if (Boolean.getBoolean("bench.graphOnly")) {
                System.out.println("Live traffic page: left closed (-Dbench.graphOnly=true): the graph only");
                return;
            }
            PageId id = new PageId("traffic");
            var page = context.pageModel(id);
            if (page == null || page.getClass().getSimpleName().startsWith("Planned")) {
                System.out.println("Live traffic page: not built yet (a planned page): measured with the graph only");
                return;
            }
            // The shell shows one page at a time: show the log once, take its view, put it in a second window.
            Platform.runLater(() -> context.shell().navigate(id));
            frames(30);
            CompletableFuture<Node> log = new CompletableFuture<>();
            Platform.runLater(
                    () -> log.complete(findView(stage.getScene().getRoot(), "dev.gatehouse.app.pages.traffic")));
            Node logView = log.get(10, TimeUnit.SECONDS);
            Platform.runLater(() -> context.shell().navigate(TopologyPage.ID));
            frames(30);
            if (logView == null) {
                System.out.println("Live traffic page: its view was not found: measured with the graph only");
                return;
            }
            CompletableFuture<Void> shown = new CompletableFuture<>();
            Platform.runLater(() -> {
                if (logView.getParent() instanceof javafx.scene.layout.Pane p) {
                    p.getChildren().remove(logView);
                }
                Stage second = new Stage();
                second.setScene(new Scene(new javafx.scene.layout.StackPane(logView), 1000, 700));
                second.getScene().getStylesheets().addAll(stage.getScene().getStylesheets());
                second.getScene()
                        .getRoot()
                        .getStyleClass()
                        .addAll(stage.getScene().getRoot().getStyleClass());
                second.show();
                shown.complete(null);
            });
            shown.get(10, TimeUnit.SECONDS);
            System.out.println("Live traffic page: open in a second window next to the graph");
        }

        TrafficOverlay overlay() {
            return view.canvas().traffic();
        }

        TrafficFeed feed() {
            return context.traffic().feed();
        }

        void watch(TrafficSource source) throws Exception {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.runLater(() -> context.traffic().watch(source).whenComplete((v, e) -> started.complete(null)));
            started.get(30, TimeUnit.SECONDS);
            if (context.traffic().state() != LiveTraffic.State.WATCHING) {
                throw new IllegalStateException(
                        "not watching: " + context.traffic().summaryProperty().get());
            }
        }

        void stopWatching() throws Exception {
            CompletableFuture<Void> stopped = new CompletableFuture<>();
            Platform.runLater(() -> context.traffic().stop().whenComplete((v, e) -> stopped.complete(null)));
            stopped.get(30, TimeUnit.SECONDS);
        }
    }

    private static Node findView(Node node, String pkg) {
        if (node instanceof dev.gatehouse.app.page.PageView
                && node.getClass().getPackageName().startsWith(pkg)) {
            return node;
        }
        if (node instanceof javafx.scene.Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                Node v = findView(child, pkg);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private static TopologyView find(Node node) {
        if (node instanceof TopologyView v) {
            return v;
        }
        if (node instanceof javafx.scene.Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                TopologyView v = find(child);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Measures frames, request to screen and RSS while {@code run} feeds the console for {@code seconds}. */
    private static final class Probe {
        private final Console console;
        private final long[] frames = new long[200_000];
        private int frameCount;
        private final long[] pendingSeq = new long[1 << 17];
        private final long[] pendingAt = new long[1 << 17];
        private int head;
        private int tail;
        /** Request-to-screen latencies in 1 ms bins up to 10 s (the last bin holds anything later). */
        private final long[] latencyBins = new long[10_001];
        /** The same per 10 s of the run (up to 2 min), to tell a slow start from a slow steady state. */
        private final long[][] latencyByTen = new long[12][10_001];

        private long latencyCount;
        private long latencyMax;
        private long lost;
        private final List<String> rss = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private AnimationTimer timer;
        private Runnable afterLayout;
        /** The FX thread's CPU time at the start and the end: its load, whatever else the machine runs. */
        private long fxThread;

        private long fxCpuStart;
        private long fxCpuEnd;
        private long wallStart;
        private long wallEnd;

        Probe(Console console) {
            this.console = console;
        }

        void start() throws Exception {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.runLater(() -> {
                fxThread = Thread.currentThread().threadId();
                wallStart = System.nanoTime();
                fxCpuStart = fxCpuNanos();
                console.feed().addListener(this::added);
                afterLayout = this::shown;
                console.stage.getScene().addPostLayoutPulseListener(afterLayout);
                timer = new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        if (frameCount < frames.length) {
                            frames[frameCount++] = now;
                        }
                    }
                };
                timer.start();
                started.complete(null);
            });
            started.get(10, TimeUnit.SECONDS);
            long begin = System.nanoTime();
            Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    long t = (System.nanoTime() - begin) / 1_000_000_000L;
                    rss.add(String.format(
                            Locale.ROOT,
                            "  t=%3ds  RSS %4d MB  heap used %4d MB  ring %6d  dropped %d",
                            t,
                            rssMegabytes(),
                            (Runtime.getRuntime().totalMemory()
                                            - Runtime.getRuntime().freeMemory())
                                    >> 20,
                            console.feed().size(),
                            console.feed().dropped()));
                    try {
                        Thread.sleep(5000); // a sampling period, not synchronisation
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        private void added(TrafficBatch batch) {
            for (TrafficEvent e : batch.added()) {
                if (tail - head == pendingSeq.length) {
                    head++;
                    lost++;
                }
                int i = tail++ & (pendingSeq.length - 1);
                pendingSeq[i] = e.sequence();
                pendingAt[i] = e.receivedNanos();
            }
        }

        private void shown() {
            long shownThrough = console.overlay().shownThrough();
            long now = System.nanoTime();
            while (head < tail) {
                int i = head & (pendingSeq.length - 1);
                if (pendingSeq[i] > shownThrough) {
                    break;
                }
                long nanos = now - pendingAt[i];
                int bin = (int) Math.min(latencyBins.length - 1, nanos / 1_000_000);
                latencyBins[bin]++;
                latencyByTen[(int) Math.min(latencyByTen.length - 1, (now - wallStart) / 10_000_000_000L)][bin]++;
                latencyCount++;
                latencyMax = Math.max(latencyMax, nanos);
                head++;
            }
        }

        void stop() throws Exception {
            running.set(false);
            CompletableFuture<Void> stopped = new CompletableFuture<>();
            Platform.runLater(() -> {
                fxCpuEnd = fxCpuNanos();
                wallEnd = System.nanoTime();
                timer.stop();
                console.stage.getScene().removePostLayoutPulseListener(afterLayout);
                stopped.complete(null);
            });
            stopped.get(10, TimeUnit.SECONDS);
        }

        void print(String title) {
            System.out.println(title);
            int n = frameCount;
            double[] intervals = new double[Math.max(0, n - 1)];
            for (int i = 1; i < n; i++) {
                intervals[i - 1] = (frames[i] - frames[i - 1]) / 1e6;
            }
            Arrays.sort(intervals);
            double seconds = n > 1 ? (frames[n - 1] - frames[0]) / 1e9 : 0;
            if (intervals.length > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "  frames: %.1f fps (%d frames over %.1f s); interval median %.1f ms, p95 %.1f ms, p99 %.1f"
                                + " ms, max %.1f ms; frames over 33.3 ms: %d%n",
                        (n - 1) / seconds,
                        n,
                        seconds,
                        at(intervals, 0.5),
                        at(intervals, 0.95),
                        at(intervals, 0.99),
                        intervals[intervals.length - 1],
                        Arrays.stream(intervals).filter(v -> v > 33.3).count());
            }
            StringBuilder slow = new StringBuilder();
            for (int i = 1; i < n; i++) {
                double ms = (frames[i] - frames[i - 1]) / 1e6;
                if (ms > 100) {
                    slow.append(String.format(Locale.ROOT, " %.0f ms at %.1f s;", ms, (frames[i] - wallStart) / 1e9));
                }
            }
            if (!slow.isEmpty()) {
                System.out.println("  frames over 100 ms:" + slow);
            }
            if (latencyCount > 0) {
                StringBuilder tens = new StringBuilder();
                for (int w = 0; w < latencyByTen.length; w++) {
                    long count = Arrays.stream(latencyByTen[w]).sum();
                    if (count > 0) {
                        tens.append(String.format(
                                Locale.ROOT,
                                " %d-%d s: %d ms;",
                                w * 10,
                                w * 10 + 10,
                                upperBound(latencyByTen[w], count, 0.99)));
                    }
                }
                System.out.println("  request to screen p99 per 10 s:" + tens);
                System.out.printf(
                        Locale.ROOT,
                        "  request to screen (%d events): median %d ms, p95 %d ms, p99 %d ms, max %.0f ms;"
                                + " not shown by the end: %d%n",
                        latencyCount,
                        latencyAt(0.5),
                        latencyAt(0.95),
                        latencyAt(0.99),
                        latencyMax / 1e6,
                        tail - head + lost);
            }
            System.out.printf(
                    Locale.ROOT,
                    "  FX thread busy: %.0f ms of CPU per second (%.0f%%), %.1f ms per frame%n",
                    (fxCpuEnd - fxCpuStart) / 1e6 / ((wallEnd - wallStart) / 1e9),
                    100.0 * (fxCpuEnd - fxCpuStart) / (wallEnd - wallStart),
                    n > 1 ? (fxCpuEnd - fxCpuStart) / 1e6 / (n - 1) : 0.0);
            System.out.println("  memory every 5 s:");
            rss.forEach(System.out::println);
            System.gc(); // what is live, for the record: the ring and the console, not the garbage awaiting a full GC
            System.out.printf(
                    Locale.ROOT,
                    "  after a full GC: heap used %d MB (committed %d MB), RSS %d MB%n",
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                    Runtime.getRuntime().totalMemory() >> 20,
                    rssMegabytes());
        }

        private long fxCpuNanos() {
            return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(fxThread);
        }

        /** The upper bound (ms) of the bin holding quantile {@code q}. */
        private long latencyAt(double q) {
            return upperBound(latencyBins, latencyCount, q);
        }

        private static long upperBound(long[] bins, long count, double q) {
            long rank = (long) Math.ceil(q * count);
            long seen = 0;
            for (int i = 0; i < bins.length; i++) {
                seen += bins[i];
                if (seen >= rank) {
                    return i + 1;
                }
            }
            return bins.length;
        }

        private static double at(double[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
        }
    }

    static long rssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void generated(Console console, int seconds, int rate) throws Exception {
        console.openTrafficLog();
        Generator generator = new Generator(rate, seconds);
        Probe probe = new Probe(console);
        probe.start();
        console.watch(generator);
        generator.finished.await(seconds + 30L, TimeUnit.SECONDS);
        frames(30); // what arrived last reaches the screen
        probe.stop();
        console.stopWatching();
        probe.print(String.format(
                Locale.ROOT,
                "(a) generated: %d events/s for %d s into feed.sink(): %d sent, %d in the ring (capacity %d),"
                        + " %d dropped; particles sampled \"%s\" at the end",
                rate,
                seconds,
                generator.sent.get(),
                console.feed().size(),
                console.feed().capacity(),
                console.feed().dropped(),
                console.overlay().sampling().getText()));
    }

    /**
     * The sandbox's traffic, generated: per request one gateway event (Kong's log serializer, as the gateway emits
     * it) and, when it reached demo-app, the four records of its two mesh hops (each side logs a connection).
     * Per 20 requests: 14 alice → demo 200, 3 anonymous 401, 1 alice 500, 1 alice 404, 1 anonymous → status 200.
     */
    private static final class Generator implements TrafficSource {
        private final int rate;
        private final int seconds;
        final AtomicLong sent = new AtomicLong();
        final CountDownLatch finished = new CountDownLatch(1);
        private final ObjectNode kong;

        Generator(int rate, int seconds) throws Exception {
            this.rate = rate;
            this.seconds = seconds;
            this.kong = (ObjectNode) JSON.readTree(KONG_ENTRY);
        }

        @Override
        public TrafficWatch start(TrafficSink sink) {
            AtomicBoolean stop = new AtomicBoolean();
            // mesh records reach the feed as from the embedded and Kuma sources: through the twin pairing
            HopTwins hops = new HopTwins(sink);
            Thread thread = Thread.ofPlatform().daemon().name("bench-generator").start(() -> run(sink, hops, stop));
            return new TrafficWatch() {
                @Override
                public String summary() {
                    return "generated traffic, " + rate + " events/s";
                }

                @Override
                public void close() {
                    stop.set(true);
                    thread.interrupt();
                    hops.close();
                }
            };
        }

        private void run(TrafficSink sink, TrafficSink hops, AtomicBoolean stop) {
            long begin = System.nanoTime();
            long end = begin + seconds * 1_000_000_000L;
            long request = 0;
            try {
                while (!stop.get()) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        break;
                    }
                    long due = (now - begin) * rate / 1_000_000_000L;
                    while (sent.get() < due) {
                        request++;
                        emit(sink, hops, request);
                    }
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                finished.countDown();
            }
        }

        private void emit(TrafficSink sink, TrafficSink hops, long n) throws Exception {
            int kind = (int) (n % 20);
            boolean anonymous = kind >= 16 && kind <= 18 || kind == 19;
            int status = kind < 14 ? 200 : kind == 14 ? 500 : kind == 15 ? 404 : kind == 19 ? 200 : 401;
            boolean demo = kind != 19;
            boolean proxied = status != 401;
            ObjectNode entry = kong.deepCopy();
            ObjectNode request = (ObjectNode) entry.get("request");
            String id = Long.toHexString(0x5eed0000L + n);
            request.put("id", id);
            ((ObjectNode) request.get("headers")).put("x-request-id", id);
            if (anonymous) {
                entry.remove("consumer");
                entry.remove("authenticated_entity");
                ((ObjectNode) request.get("headers")).remove("apikey");
            }
            if (!demo) {
                ObjectNode service = (ObjectNode) entry.get("service");
                service.put("name", "status");
                service.put("host", "status.example.com");
                request.put("uri", "/status");
            }
            ((ObjectNode) entry.get("response")).put("status", status);
            double upstream = 2 + (n * 7919 % 97) / 10.0;
            ObjectNode latencies = (ObjectNode) entry.get("latencies");
            latencies.put("proxy", proxied ? upstream : -1);
            latencies.put("request", (proxied ? upstream : 0) + 1);
            entry.put("source", proxied ? "upstream" : "kong");
            if (!proxied) {
                entry.remove("tries"); // Kong answered itself: no balancer try
                entry.remove("upstream_status");
            }
            entry.put("started_at", System.currentTimeMillis());
            sink.accept(KongLogEntries.parse(entry, System.nanoTime()));
            sent.incrementAndGet();
            if (demo && proxied) {
                // as Envoy logs them: the callee finishes, and logs, first; 8 kept-alive connections per hop
                String toApp = "127.0.0.1:" + (40_000 + n % 8);
                String toRedis = "127.0.0.1:" + (50_000 + n % 8);
                hop(hops, "gateway", "demo-app", "INBOUND", 200, upstream - 0.5, toApp, "127.0.0.1:41001");
                hop(hops, "gateway", "demo-app", "OUTBOUND", 200, upstream, toApp, "127.0.0.1:41001");
                hop(hops, "demo-app", "redis", "INBOUND", 0, 0.3, toRedis, "127.0.0.1:41002");
                hop(hops, "demo-app", "redis", "OUTBOUND", 0, 0.4, toRedis, "127.0.0.1:41002");
            }
        }

        /**
         * One record of a hop, shaped as Kuma writes it (an inbound names no source, only its connection: the caller's
         * side and {@code callee}, its own listener, which the caller's outbound names as its upstream host).
         */
        private void hop(
                TrafficSink sink,
                String from,
                String to,
                String direction,
                int status,
                double millis,
                String connection,
                String callee)
                throws Exception {
            boolean inbound = direction.equals("INBOUND");
            ObjectNode line = JSON.createObjectNode();
            line.put("start_time", Instant.now().toString());
            line.put("mesh", "default");
            line.put("dataplane", inbound ? to + "-1" : from + "-1");
            line.put("traffic_direction", direction);
            line.put("source_service", inbound ? "unknown" : from);
            line.put("source_address", "127.0.0.1:0");
            line.put(inbound ? "downstream_remote_address" : "upstream_local_address", connection);
            line.put("destination_service", to);
            line.put("upstream_host", inbound ? "127.0.0.1:41000" : callee);
            if (inbound) {
                line.put("downstream_local_address", callee);
            }
            line.put("protocol", status == 0 ? "tcp" : "http");
            if (status != 0) {
                line.put("response_code", status);
            }
            line.put("response_flags", "-");
            line.put("duration", (long) millis);
            line.put("bytes_sent", 120);
            line.put("bytes_received", 80);
            line.put("allowed", true);
            line.put("action", direction.equals("INBOUND") ? "Allow" : null);
            line.putNull("policy");
            line.put("details", "");
            sink.accept(MeshAccessLogLines.parse(line, System.nanoTime()));
            sent.incrementAndGet();
        }
    }

    /** One request as Gatehouse's gateway serialises it (Kong's basic log serializer), the key masked later. */
    private static final String KONG_ENTRY = """
            {"request":{"id":"","uri":"/increment","url":"http://127.0.0.1:8000/increment",
             "querystring":{},"method":"POST",
             "headers":{"host":"127.0.0.1:8000","user-agent":"curl/8.5.0","accept":"*/*","apikey":"bench-secret-key",
              "content-length":"0","x-request-id":""},
             "size":142},
             "upstream_uri":"/increment","upstream_status":"200",
             "response":{"status":200,"headers":{"content-type":"application/json","content-length":"27",
              "connection":"keep-alive","x-kong-upstream-latency":"4","x-kong-proxy-latency":"1",
              "via":"1.1 kong/3.9.0"},"size":311},
             "latencies":{"kong":1,"proxy":4,"request":5,"receive":0},
             "tries":[{"balancer_start":1764790000000,"balancer_start_ns":1764790000000000000,
              "balancer_latency":0,"balancer_latency_ns":12000,"ip":"127.0.0.1","port":41000}],
             "authenticated_entity":{"id":"7f1c9e4a-cred","consumer_id":"3a9d2b71-alice"},
             "route":{"id":"0c6f1c8e-route","name":"demo-rt","paths":["/"],"protocols":["http","https"],
              "strip_path":true,"preserve_host":false,"created_at":1764790000,"updated_at":1764790000,
              "service":{"id":"5b2e7d10-svc"},"ws_id":"default"},
             "service":{"id":"5b2e7d10-svc","name":"demo","host":"demo-app.mesh","port":80,"protocol":"http",
              "path":null,"retries":5,"connect_timeout":60000,"read_timeout":60000,"write_timeout":60000,
              "created_at":1764790000,"updated_at":1764790000,"ws_id":"default"},
             "consumer":{"id":"3a9d2b71-alice","username":"alice","custom_id":null,"created_at":1764790000,
              "ws_id":"default"},
             "client_ip":"127.0.0.1","started_at":0,"source":"upstream","workspace":"default",
             "workspace_name":"default"}
            """;

    // ---------------------------------------------------------------------------------------------------------------

    private static void real(Console console, int seconds, int clients) throws Exception {
        console.openTrafficLog();
        Probe probe = new Probe(console);
        probe.start();
        console.watch(console.sandbox().source());
        long[] counts = load(console.sandbox().proxy(), seconds, clients);
        frames(60); // the http-log queue and the access log drain
        probe.stop();
        console.stopWatching();
        probe.print(String.format(
                Locale.ROOT,
                "(b) real requests through the sandbox's proxy for %d s from %d clients: %d requests (%.0f/s), %d"
                        + " not 200; the feed got %d events (%d dropped)",
                seconds,
                clients,
                counts[0],
                counts[0] / (double) seconds,
                counts[1],
                console.feed().size() + console.feed().dropped(),
                console.feed().dropped()));
    }

    /** {@code clients} loops of POST /increment with the key for {@code seconds}; returns {requests, not 200}. */
    private static long[] load(URI proxy, int seconds, int clients) throws Exception {
        AtomicLong requests = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                HttpRequest request = HttpRequest.newBuilder(proxy.resolve("/increment"))
                        .header("apikey", KEY)
                        .timeout(java.time.Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
                while (System.nanoTime() < end) {
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        requests.incrementAndGet();
                        if (status != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        requests.incrementAndGet();
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new long[] {requests.get(), failed.get()};
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Light and dark screenshots with traffic flowing: generated, then real with a hop the mesh denies. */
    private static void shots(Console console, Path out) throws Exception {
        Files.createDirectories(out);
        Generator generator = new Generator(300, 40);
        console.watch(generator);
        settle(4);
        shoot(console, out, "traffic-generated");
        console.stopWatching();
        // Zero trust: mTLS on, allow-all gone, no permission: the gateway's hop to demo-app is denied.
        SandboxDemo.zeroTrust(console.context().connection().apis().mesh().orElseThrow());
        console.watch(console.sandbox().source());
        Thread load = Thread.ofVirtual().start(() -> {
            try {
                load(console.sandbox().proxy(), 60, 2);
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        // until the denied hop shows (the data planes take their certificates first), a minute at most
        String hop = "ew:svc:default/gateway->svc:default/demo-app";
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            CompletableFuture<Long> denied = new CompletableFuture<>();
            Platform.runLater(() -> denied.complete(console.overlay()
                    .traffic()
                    .stats(hop, dev.gatehouse.app.traffic.edges.StatsWindow.TEN_SECONDS)
                    .denied()));
            if (denied.get(10, TimeUnit.SECONDS) > 0) {
                break;
            }
            settle(1);
        }
        settle(3);
        shoot(console, out, "traffic-denied");
        load.join();
        console.stopWatching();
    }

    private static void settle(int seconds) throws InterruptedException {
        frames(seconds * 60);
    }

    private static void shoot(Console console, Path out, String name) throws Exception {
        Platform.runLater(() -> {
            // closer than the fit of the whole graph, around the gateway: the figures are readable
            GraphCanvas canvas = console.view().canvas();
            canvas.fit();
            canvas.zoomAt(1.7, canvas.getWidth() / 2, canvas.getHeight() / 2);
            canvas.centreOn("svc:default/gateway");
        });
        FxShots.themes(console.context(), out, name, 20);
    }

    private static void frames(int n) throws InterruptedException {
        FxShots.frames(n);
    }

    private static void check(long deadline, String failure) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(failure);
        }
    }
}
