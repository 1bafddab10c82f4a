package dev.gatehouse.app.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tour's progress file: per profile, across store instances (restarts), owner-only, and forgiving of damage. */
class TourProgressStoreTest {

    @TempDir
    Path dir;

    private static final Instant AT = Instant.parse("2026-12-04T10:15:30Z");

    @Test
    void keepsStepsPerProfileAcrossInstancesAndResetsOneProfileOnly() throws Exception {
        TourProgressStore store = new TourProgressStore(dir);
        store.done("embedded", TourStep.EXPOSE, new StepRecord(AT, "200 as expected"));
        store.done("embedded", TourStep.MTLS, new StepRecord(AT.plusSeconds(5), "200 with a key"));
        store.done("remote-kong", TourStep.REQUIRE_KEY, new StepRecord(AT, "401 as expected: no key"));

        TourProgressStore reopened = new TourProgressStore(dir);
        assertThat(reopened.load("embedded"))
                .containsOnlyKeys(TourStep.EXPOSE, TourStep.MTLS)
                .containsEntry(TourStep.MTLS, new StepRecord(AT.plusSeconds(5), "200 with a key"));
        assertThat(reopened.load("remote-kong")).containsOnlyKeys(TourStep.REQUIRE_KEY);
        assertThat(reopened.load("nobody")).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reopened.file())))
                .isEqualTo("rw-------");

        reopened.reset("embedded");
        assertThat(new TourProgressStore(dir).load("embedded")).isEmpty();
        assertThat(new TourProgressStore(dir).load("remote-kong")).containsOnlyKeys(TourStep.REQUIRE_KEY);
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("tour-progress.json");
        }
    }

    @Test
    void aDamagedFileReadsAsNoProgressAndTheNextSaveRepairsIt() throws Exception {
        TourProgressStore store = new TourProgressStore(dir);
        Files.writeString(store.file(), "{\"profiles\": {\"embedded\": ");
        assertThat(store.load("embedded")).isEmpty();

        store.done("embedded", TourStep.ZERO_TRUST, new StepRecord(AT, "503 as expected"));
        assertThat(new TourProgressStore(dir).load("embedded")).containsOnlyKeys(TourStep.ZERO_TRUST);
    }

    @Test
    void unknownStepsAndBadTimesAreSkipped() throws Exception {
        TourProgressStore store = new TourProgressStore(dir);
        Files.writeString(store.file(), """
                {"profiles": {"embedded": {
                  "expose": {"at": "2026-12-04T10:15:30Z", "check": "200"},
                  "teleport": {"at": "2026-12-04T10:15:30Z", "check": "?"},
                  "mtls": {"at": "yesterday", "check": "200"}}}}""");
        assertThat(store.load("embedded")).containsOnlyKeys(TourStep.EXPOSE);
    }
}
