package dev.gatehouse.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.GatewayProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the gateway child JVM with SIGKILL at random points while it takes writes, 24 rounds on one data
 * directory. After every restart: the store opens (quick_check), SQLite's integrity_check is ok, every write
 * that got its 201 is there, and a declarative import is either wholly present or wholly absent.
 */
class CrashRecoveryTest {

    private static final int ROUNDS = 24;
    private static final int BATCH = 1500;

    @Test
    void killNineLosesNoAcknowledgedWrite(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Random random = new Random(42);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String completedBatch = null; // the tag of the last import that answered 201
        Set<String> attemptedBatches = new HashSet<>();
        int totalAcks = 0;
        int killsDuringImport = 0;

        for (int round = 0; round < ROUNDS; round++) {
            GatewayProcess gw = GatewayProcess.start(data);
            AdminClient api = gw.client();

            // 1. Recovery checks.
            Set<String> present = new HashSet<>();
            for (JsonNode c : api.get("/consumers?size=1000").json().get("data")) {
                present.add(c.get("id").asText());
            }
            String next = api.get("/consumers?size=1000").json().get("next").asText(null);
            while (next != null && !next.equals("null")) {
                JsonNode page = api.get(next).json();
                page.get("data").forEach(c -> present.add(c.get("id").asText()));
                next = page.get("next").isNull() ? null : page.get("next").asText();
            }
            assertThat(present)
                    .as("round %d: acknowledged consumers after restart", round)
                    .containsAll(acknowledged);
            Set<String> batchTags = new HashSet<>();
            int services = 0;
            for (String url = "/services?size=1000"; url != null; ) {
                JsonNode page = api.get(url).json();
                for (JsonNode s : page.get("data")) {
                    services++;
                    batchTags.add(s.get("tags").get(0).asText());
                }
                url = page.get("next").isNull() ? null : page.get("next").asText();
            }
            assertThat(batchTags)
                    .as("round %d: one declarative batch at most", round)
                    .hasSizeLessThanOrEqualTo(1);
            if (services > 0) {
                assertThat(services).as("round %d: no partial import", round).isEqualTo(BATCH);
                assertThat(attemptedBatches).contains(batchTags.iterator().next());
            }
            if (completedBatch != null) {
                assertThat(batchTags)
                        .as("round %d: an acknowledged import survives unless replaced", round)
                        .isNotEmpty();
            }
            completedBatch = batchTags.isEmpty() ? null : batchTags.iterator().next();

            // 2. A workload, killed at a random moment.
            boolean importRound = round % 3 == 2;
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService workers = Executors.newFixedThreadPool(3);
            List<String> roundAcks = new ArrayList<>();
            String batch = "batch-" + round;
            boolean[] importAcked = {false};
            if (importRound) {
                attemptedBatches.add(batch);
                String body = importBody(batch, acknowledged);
                workers.execute(() -> {
                    try {
                        AdminClient.Resp r = api.raw(
                                "POST",
                                "/config",
                                "application/json",
                                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        if (r.status() == 201) {
                            importAcked[0] = true;
                        }
                    } catch (RuntimeException connectionLost) {
                        // killed mid-request: not acknowledged
                    }
                });
            } else {
                for (int w = 0; w < 3; w++) {
                    workers.execute(() -> {
                        while (!stop.get()) {
                            try {
                                AdminClient.Resp r =
                                        api.post("/consumers", "{\"username\":\"u-" + UUID.randomUUID() + "\"}");
                                if (r.status() == 201) {
                                    acknowledged.add(r.json().get("id").asText());
                                    synchronized (roundAcks) {
                                        roundAcks.add(r.json().get("id").asText());
                                    }
                                }
                            } catch (RuntimeException connectionLost) {
                                return;
                            }
                        }
                    });
                }
            }
            // the behaviour under test, not synchronisation: SIGKILL at a random moment of the workload; nothing after
            // the kill waits on time (the restart waits for the new process's "listening" line)
            Thread.sleep(importRound ? 20 + random.nextInt(500) : 50 + random.nextInt(600));
            gw.kill();
            stop.set(true);
            workers.shutdown();
            assertThat(workers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            totalAcks += roundAcks.size();
            if (importRound) {
                if (importAcked[0]) {
                    completedBatch = batch;
                } else {
                    killsDuringImport++;
                }
            }
            assertThat(integrityCheck(data))
                    .as("round %d: sqlite integrity", round)
                    .isEqualTo("ok");
        }
        System.out.printf(
                "[measure] crash test: %d rounds, %d acknowledged writes, %d kills during an import%n",
                ROUNDS, totalAcks, killsDuringImport);
        assertThat(totalAcks).isGreaterThan(ROUNDS);
    }

    private static String importBody(String batch, Set<String> consumers) {
        StringBuilder sb = new StringBuilder("{\"_format_version\":\"3.0\",\"consumers\":[");
        int i = 0;
        for (String id : consumers) {
            if (i++ > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":\"")
                    .append(id)
                    .append("\",\"username\":\"kept-")
                    .append(id)
                    .append("\"}");
        }
        sb.append("],\"services\":[");
        for (int s = 0; s < BATCH; s++) {
            if (s > 0) {
                sb.append(',');
            }
            sb.append("{\"name\":\"")
                    .append(batch)
                    .append('-')
                    .append(s)
                    .append("\",\"host\":\"b.test\",\"tags\":[\"")
                    .append(batch)
                    .append("\"]}");
        }
        return sb.append("]}").toString();
    }

    private static String integrityCheck(Path data) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("gateway.db"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
