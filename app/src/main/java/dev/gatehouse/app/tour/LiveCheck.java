package dev.gatehouse.app.tour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.repository.gateway.GatewayProxy;
import dev.gatehouse.app.repository.gateway.ProxyRequest;
import dev.gatehouse.app.repository.gateway.ProxyResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends the seed's request ({@code POST /increment}, with the key from the step that creates it on) through the
 * gateway's proxy until it gets the status the seed expects, or {@code patience} ran out. A change takes a moment to
 * reach the proxy and the data planes (they take mTLS one by one), so one answer is not enough to fail on.
 */
final class LiveCheck {

    private static final Duration PAUSE = Duration.ofMillis(250);
    private static final int SAID_LENGTH = 120;
    private static final JsonMapper JSON = new JsonMapper();

    private final GatewayProxy proxy;
    private final Duration patience;

    LiveCheck(GatewayProxy proxy, Duration patience) {
        this.proxy = proxy;
        this.patience = patience;
    }

    CompletableFuture<CheckResult> check(TourStep step, PlatformState state) {
        boolean withKey = step.sendsKey() && state.gw().key().isPresent();
        Optional<DemoKey> key = withKey ? state.gw().key() : Optional.empty();
        int expected = state.expectedStatus(withKey);
        Map<String, String> headers =
                key.map(k -> Map.of(state.gw().keyName(), k.value())).orElse(Map.of());
        ProxyRequest request = new ProxyRequest(TourSeed.METHOD, TourSeed.PATH, headers, Optional.empty());
        long deadline = System.nanoTime() + patience.toNanos();
        return attempt(request, expected, deadline)
                .thenApply(response -> new CheckResult(
                        Optional.of(response.status()),
                        expected,
                        withKey,
                        key,
                        "",
                        response.status() == expected ? "" : said(response)))
                .exceptionally(failure -> new CheckResult(
                        Optional.empty(),
                        expected,
                        withKey,
                        key,
                        String.valueOf(UiTasks.unwrap(failure).getMessage()),
                        ""));
    }

    /** What an unexpected answer said: Kong's JSON {@code message}, else the start of the body. */
    static String said(ProxyResponse response) {
        String body = response.body() == null ? "" : response.body().strip();
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.path("message").isTextual()) {
                return json.path("message").asText();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: the text itself
        }
        return body.length() <= SAID_LENGTH ? body : body.substring(0, SAID_LENGTH) + "\u2026";
    }

    private CompletableFuture<ProxyResponse> attempt(ProxyRequest request, int expected, long deadline) {
        return proxy.send(request).thenCompose(response -> {
            if (response.status() == expected || System.nanoTime() > deadline) {
                return CompletableFuture.completedFuture(response);
            }
            return CompletableFuture.runAsync(
                            () -> {}, CompletableFuture.delayedExecutor(PAUSE.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(paused -> attempt(request, expected, deadline));
        });
    }
}
