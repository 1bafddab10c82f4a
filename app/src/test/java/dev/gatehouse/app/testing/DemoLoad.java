package dev.gatehouse.app.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client of the demo through the gateway's proxy: {@code POST /increment} with an API key, one request after
 * another on a thread of its own with a pause between, until stopped. Every status is kept in order (0 when no answer
 * came), and every answer that is not 2xx also as a line saying when, for a test's failure message.
 */
public final class DemoLoad {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI increment;
    private final String key;
    private final Duration pause;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private Thread thread;

    /** Requests to {@code proxy}'s {@code /increment} with {@code apiKey: key}, {@code pause} apart. */
    public DemoLoad(URI proxy, String key, Duration pause) {
        this.increment = proxy.resolve("/increment");
        this.key = key;
        this.pause = pause;
    }

    /** One request, outside the load: its status. */
    public int send() throws Exception {
        return http.send(
                        HttpRequest.newBuilder(increment)
                                .timeout(Duration.ofSeconds(10))
                                .header("apiKey", key)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    public void start() {
        running.set(true);
        thread = Thread.ofVirtual().name("demo-load").start(() -> {
            while (running.get()) {
                int status;
                String failure;
                try {
                    status = send();
                    failure = status / 100 == 2 ? null : "HTTP " + status;
                } catch (Exception e) {
                    status = 0;
                    failure = e.toString();
                }
                statuses.add(status);
                if (failure != null) {
                    failures.add("request " + statuses.size() + " at " + Instant.now() + ": " + failure);
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    public int count() {
        return statuses.size();
    }

    public List<Integer> statuses() {
        return List.copyOf(statuses);
    }

    /** The answers that were not 2xx, each with when it came. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    public void stop() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(Duration.ofSeconds(15));
        }
    }
}
