package dev.gatehouse.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.sandbox.demo.DemoApp;
import dev.gatehouse.app.sandbox.demo.RedisWorkload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The counter demo over real sockets: demo-app speaking HTTP, storing its counter in a real RESP server. */
class DemoWorkloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private record Answer(int status, JsonNode body) {}

    private Answer call(DemoApp app, String method, String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    @Test
    void countsInRedisLikeTheClassicKumaDemo() throws Exception {
        try (RedisWorkload redis = RedisWorkload.start(0);
                DemoApp app = DemoApp.start(0, "127.0.0.1", redis.port())) {
            assertThat(call(app, "POST", "/increment").body().toString())
                    .isEqualTo("{\"counter\":1,\"zone\":\"local\",\"err\":null}");
            assertThat(call(app, "POST", "/increment").body().path("counter").asLong())
                    .isEqualTo(2);
            assertThat(call(app, "GET", "/counter").body().path("counter").asLong())
                    .isEqualTo(2);
            assertThat(call(app, "DELETE", "/counter").body().path("counter").asLong())
                    .isZero();
            assertThat(call(app, "GET", "/version").body().path("version").asText())
                    .isEqualTo("1.0");
            assertThat(call(app, "GET", "/nope").status()).isEqualTo(404);
        }
    }

    @Test
    void answers500WithErrWhenRedisCannotBeReached() throws Exception {
        RedisWorkload redis = RedisWorkload.start(0);
        int port = redis.port();
        redis.close();
        try (DemoApp app = DemoApp.start(0, "127.0.0.1", port)) {
            Answer answer = call(app, "POST", "/increment");
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.body().path("err").asText()).contains("unreachable");
            assertThat(answer.body().path("counter").isNull()).isTrue();
        }
    }
}
