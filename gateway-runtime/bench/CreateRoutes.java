import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Creates N routes one at a time through the Admin API (one keep-alive connection, sequential requests) and
 * prints how long it took. Run with the JDK's single-file launcher:
 * {@code java bench/CreateRoutes.java http://127.0.0.1:8001 10000}.
 */
public class CreateRoutes {
  public static void main(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://127.0.0.1:8001";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String prefix = "bench-" + System.currentTimeMillis();
    HttpResponse<String> svc = http.send(HttpRequest.newBuilder(URI.create(base + "/services"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + prefix + "\",\"host\":\"bench.test\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (svc.statusCode() != 201) {
      throw new IllegalStateException("service: " + svc.statusCode() + " " + svc.body());
    }
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String body = "{\"name\":\"" + prefix + "-" + i + "\",\"paths\":[\"/" + prefix + "/" + i + "\"],"
          + "\"service\":{\"name\":\"" + prefix + "\"}}";
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/routes"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("route " + i + ": " + r.statusCode() + " " + r.body());
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("created %d routes one at a time over HTTP in %d ms (%.2f ms/route, %.0f routes/s)%n",
        n, ms, (double) ms / n, n * 1000.0 / ms);
  }
}
