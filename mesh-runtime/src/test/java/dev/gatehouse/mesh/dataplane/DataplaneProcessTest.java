package dev.gatehouse.mesh.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command line, {@code dataplane --cp-address URL --dataplane-file F [--dataplane-token-file T]
 * [--access-log-address HOST:PORT]}, in a child JVM against a real control plane: it registers, serves, logs and
 * on SIGTERM deregisters and exits 0; a bad file exits 1 with the reason.
 */
class DataplaneProcessTest {
    @TempDir
    Path dir;

    private static Process dataplane(Path log, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(
                java, "-cp", System.getProperty("java.class.path"), "dev.gatehouse.mesh.cli.MeshMain", "dataplane"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    @Test
    void commandLineDataplaneServesAndDeregistersOnSigterm() throws Exception {
        try (MeshBed bed = new MeshBed(dir.resolve("cp"));
                EchoServer app = new EchoServer();
                LogReceiver logs = new LogReceiver()) {
            bed.mtlsMesh("default");
            Path file = dir.resolve("dp.yaml");
            Files.writeString(file, MeshBed.yaml("default", "redis-1", "redis", app.port(), "tcp"));
            String token = bed.http
                    .post("/tokens/dataplane", "{\"name\":\"redis-1\",\"mesh\":\"default\"}")
                    .body();
            Path tokenFile = dir.resolve("token");
            Files.writeString(tokenFile, token);
            Path out = dir.resolve("dp.log");
            Process p = dataplane(
                    out,
                    "--cp-address",
                    bed.http.base().toString(),
                    "--dataplane-file",
                    file.toString(),
                    "--dataplane-token-file",
                    tokenFile.toString(),
                    "--access-log-address",
                    logs.address().getHostString() + ":" + logs.address().getPort());
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> Files.readString(out).contains("ready:"));
                JsonNode registered =
                        bed.http.get("/meshes/default/dataplanes/redis-1").json();
                int port = registered
                        .path("networking")
                        .path("inbound")
                        .get(0)
                        .path("port")
                        .asInt();
                RunningDataplane client = bed.sidecar("default", "demo-app-1", "demo-app", 1, "tcp", "redis");
                assertThat(MeshBed.roundTrip(client.outbound("redis").orElseThrow(), "PING\r\n"))
                        .isEqualTo("PING\r\n");
                JsonNode line = logs.next(n -> n.path("dataplane").asText().equals("redis-1"), Duration.ofSeconds(5));
                // redis-1 logs its inbound: Kuma's "unknown" source, and the caller's sidecar as its peer
                assertThat(line.path("source_service").asText()).isEqualTo("unknown");
                assertThat(line.path("destination_service").asText()).isEqualTo("redis");
                assertThat(line.path("downstream_remote_address").asText()).matches("127\\.0\\.0\\.1:\\d+");
                assertThat(port).isPositive();
                String output = Files.readString(out, StandardCharsets.UTF_8);
                assertThat(output).doesNotContain(token).doesNotContain("PRIVATE KEY");

                p.destroy(); // SIGTERM
                assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
                assertThat(bed.http.get("/meshes/default/dataplanes/redis-1").status())
                        .as("deregistered")
                        .isEqualTo(404);
                assertThat(MeshBed.roundTrip(new InetSocketAddress("127.0.0.1", port), "x\n"))
                        .isNull();
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void badDataplaneFileExitsOneWithTheReason() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "type: Dataplane\nname: x\nnetworking:\n  address: 127.0.0.1\n");
        Path out = dir.resolve("bad.log");
        Process p = dataplane(out, "--cp-address", "http://127.0.0.1:1", "--dataplane-file", file.toString());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(out)).contains("dataplane did not start", "at least one inbound");
    }
}
