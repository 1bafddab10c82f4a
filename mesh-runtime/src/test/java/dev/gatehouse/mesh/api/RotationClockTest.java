package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.MutableClock;
import dev.gatehouse.mesh.RunningControlPlane;
import dev.gatehouse.mesh.SseClient;
import dev.gatehouse.mesh.TestControlPlanes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running control plane rotates a certificate once 4/5 of its lifetime has passed on its clock and tells the
 * data plane (Kuma's ExpiringSoon, pkg/xds/secrets/secrets.go @v2.14.3): the clock is the configuration's, so the
 * test moves it instead of waiting 48 minutes.
 */
class RotationClockTest {
    @TempDir
    Path dir;

    @Test
    void aCertificateIsRotatedAtFourFifthsOfItsLifetimeOnTheControlPlanesClock() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MutableClock clock = new MutableClock(start);
        try (RunningControlPlane cp =
                ControlPlane.start(TestControlPlanes.config(dir).withClock(clock))) {
            Http http = new Http(cp.apiUri());
            http.putYaml(
                    "/meshes/rot",
                    "type: Mesh\nname: rot\nmtls:\n  enabledBackend: ca-1\n  backends:\n    - name: ca-1\n"
                            + "      type: builtin\n      dpCert:\n        rotation:\n          expiration: 1h\n");
            http.putYaml("/meshes/rot/dataplanes/web-1", ResourceApiTest.dataplane("rot", "web-1", "web"));
            String token = http.post("/tokens/dataplane", "{\"name\":\"web-1\",\"mesh\":\"rot\"}")
                    .body();
            JsonNode first =
                    http.get("/meshes/rot/dataplanes/web-1/_identity", token).json();
            assertThat(first.path("generation").asInt()).isEqualTo(1);
            assertThat(Instant.parse(first.path("notAfter").asText())).isEqualTo(start.plus(Duration.ofHours(1)));

            try (SseClient watch = new SseClient(cp.apiUri().resolve("/watch?mesh=rot&dataplane=web-1"), token)) {
                assertThat(watch.next("hello", Duration.ofSeconds(5))).isNotNull();
                clock.advance(Duration.ofMinutes(49));
                assertThat(watch.next("identity", Duration.ofSeconds(10)))
                        .as("rotation announced")
                        .isNotNull();
                JsonNode rotated = http.get("/meshes/rot/dataplanes/web-1/_identity", token)
                        .json();
                assertThat(rotated.path("generation").asInt()).isEqualTo(2);
                assertThat(rotated.path("reason").asText()).isEqualTo("certificate is expiring soon");
                assertThat(Instant.parse(rotated.path("notAfter").asText()))
                        .isEqualTo(start.plus(Duration.ofMinutes(109)));
            }
        }
    }
}
