package dev.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Configuration changes acknowledged by the Admin API route traffic within 100 ms while a load runs, with no failed
 * request and no in-flight request dropped (a request keeps the configuration it started with).
 */
class RouteChangeUnderLoadTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();

    @Test
    void routeChangesTakeEffectFastWithoutFailingRequests() throws Exception {
        UpstreamServer up = GW.upstream();
        CountDownLatch slowArrived = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        up.behave((ex, seen) -> {
            if (seen.uri().startsWith("/slow")) {
                slowArrived.countDown();
                try {
                    releaseSlow.await(30, TimeUnit.SECONDS); // answers only once the test has deleted the route
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            UpstreamServer.ok(ex, seen);
        });
        String loadHost = Setup.host();
        setup.routeOnHost(loadHost);

        AtomicBoolean running = new AtomicBoolean(true);
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            load.add(Thread.ofVirtual().start(() -> {
                ProxyClient client = GW.proxy();
                while (running.get()) {
                    try {
                        int s = client.get("/load", "Host", loadHost).statusCode();
                        statuses.computeIfAbsent(s, k -> new AtomicLong()).incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        try {
            // a slow request in flight on a route that is deleted meanwhile still completes on its old configuration
            String slowHost = Setup.host();
            String slowRoute = setup.routeOnHost(slowHost);
            CompletableFuture<HttpResponse<String>> inFlight =
                    CompletableFuture.supplyAsync(() -> GW.proxy().get("/slow", "Host", slowHost));
            assertThat(slowArrived.await(30, TimeUnit.SECONDS))
                    .as("the slow request reached the upstream")
                    .isTrue();
            assertThat(admin.delete("/routes/" + slowRoute).status()).isEqualTo(204);
            GW.synced(); // new requests see the deletion while the slow one is still waiting for its answer
            releaseSlow.countDown();
            assertThat(inFlight.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(GW.proxy().get("/slow", "Host", slowHost).statusCode()).isEqualTo(404);

            // new routes: time from the Admin API's acknowledgement to the first proxied 200
            ProxyClient probe = GW.proxy();
            String svc = setup.service(up.url());
            long worst = 0;
            List<Long> delays = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                String host = Setup.host();
                AdminClient.Resp created =
                        admin.post("/routes", Map.of("hosts", List.of(host), "service", Map.of("id", svc)));
                long acked = System.nanoTime();
                assertThat(created.status()).isEqualTo(201);
                long delay = -1;
                while (System.nanoTime() - acked < 2_000_000_000L) {
                    if (probe.get("/new", "Host", host).statusCode() == 200) {
                        delay = (System.nanoTime() - acked) / 1_000_000;
                        break;
                    }
                }
                assertThat(delay).as("route %d never became effective", i).isNotNegative();
                delays.add(delay);
                worst = Math.max(worst, delay);
            }
            System.out.println("route change to first 200 (ms): " + delays + ", worst " + worst);
            assertThat(worst)
                    .as("worst delay from Admin API acknowledgement to routed traffic")
                    .isLessThan(100);
        } finally {
            releaseSlow.countDown();
            running.set(false);
            for (Thread t : load) {
                t.join();
            }
        }
        assertThat(failures.get()).isZero();
        assertThat(statuses.keySet()).containsExactly(200);
        assertThat(statuses.get(200).get()).isGreaterThan(100);
    }
}
