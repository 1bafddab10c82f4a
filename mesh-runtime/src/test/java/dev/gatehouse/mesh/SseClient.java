package dev.gatehouse.mesh;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a server-sent-events stream over a real connection; events are queued with their arrival time. */
public final class SseClient implements AutoCloseable {
    /** One received event. */
    public record Event(String name, String id, String data, long arrivedNanos) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final HttpResponse<Stream<String>> response;

    public SseClient(URI uri, String bearer) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        response = client.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        reader = Thread.ofVirtual().start(() -> {
            String name = "message";
            String id = null;
            StringBuilder data = new StringBuilder();
            var it = response.body().iterator();
            try {
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(name, id, data.toString(), System.nanoTime()));
                        }
                        name = "message";
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
            } catch (RuntimeException closed) {
                // stream closed by close()
            }
        });
    }

    public int status() {
        return response.statusCode();
    }

    /** Next event whose name is {@code name}, skipping others; null on timeout. */
    public Event next(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Event e = events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                return null;
            }
            if (e.name().equals(name)) {
                return e;
            }
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
