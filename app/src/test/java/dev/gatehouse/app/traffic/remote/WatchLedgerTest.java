package dev.gatehouse.app.traffic.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash ledger on a real file, and the collector address as the user writes it. */
class WatchLedgerTest {

    @TempDir
    Path dir;

    private static LedgerEntry plugin(String connection, String id) {
        return new LedgerEntry(LedgerEntry.Kind.HTTP_LOG_PLUGIN, connection, id, "", "globally", Instant.EPOCH);
    }

    @Test
    void entriesSurviveARestartAndOnlyTheDeadOnesAreLeftovers() throws Exception {
        WatchLedger ledger = new WatchLedger(dir);
        ledger.record(plugin("a", "p1"));
        ledger.record(plugin("b", "p2"));
        ledger.record(new LedgerEntry(
                LedgerEntry.Kind.MESH_ACCESS_LOG,
                "a",
                "gatehouse-live-traffic-x",
                "default",
                "in mesh default",
                Instant.EPOCH));

        // the running console owns them: nothing to sweep
        assertThat(ledger.leftovers("a")).isEmpty();
        assertThat(ledger.isLive(LedgerEntry.Kind.HTTP_LOG_PLUGIN, "p1")).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ledger.file())))
                .isEqualTo("rw-------");

        WatchLedger restarted = new WatchLedger(dir);
        assertThat(restarted.consoleId()).isEqualTo(ledger.consoleId());
        assertThat(restarted.leftovers("a"))
                .extracting(LedgerEntry::id)
                .containsExactly("p1", "gatehouse-live-traffic-x");
        assertThat(restarted.leftovers("a").get(1).mesh()).isEqualTo("default");
        restarted.remove(plugin("a", "p1"));
        assertThat(new WatchLedger(dir).entries())
                .extracting(LedgerEntry::id)
                .containsExactly("p2", "gatehouse-live-traffic-x");
    }

    @Test
    void aReleasedEntryStaysInTheFileForTheNextSweep() {
        WatchLedger ledger = new WatchLedger(dir);
        ledger.record(plugin("a", "p1"));
        ledger.release(plugin("a", "p1"));

        assertThat(ledger.leftovers("a")).extracting(LedgerEntry::id).containsExactly("p1");
        assertThat(new WatchLedger(dir).entries()).hasSize(1);
    }

    @Test
    void aDamagedFileCountsAsEmpty() throws Exception {
        Files.writeString(dir.resolve("live-traffic.json"), "{not json");
        WatchLedger ledger = new WatchLedger(dir);
        assertThat(ledger.entries()).isEmpty();
        assertThat(ledger.consoleTag()).matches("gatehouse-console-[0-9a-f]{8}");
    }

    @Test
    void collectorAddressesAsWritten() {
        assertThat(CollectorAddress.parse(" 127.0.0.1:0 ")).isEqualTo(CollectorAddress.LOOPBACK);
        assertThat(CollectorAddress.parse("[::1]:7301")).isEqualTo(new CollectorAddress("::1", 7301));
        assertThat(CollectorAddress.parse("console.lan:7301").toString()).isEqualTo("console.lan:7301");
        assertThat(new CollectorAddress("::1", 7301).toString()).isEqualTo("[::1]:7301");
        assertThatThrownBy(() -> CollectorAddress.parse("127.0.0.1"))
                .hasMessage("Write the collector address as host:port, for example 127.0.0.1:0.");
        assertThatThrownBy(() -> CollectorAddress.parse("::1:7301")).hasMessageStartingWith("Put an IPv6 address");
        assertThatThrownBy(() -> CollectorAddress.parse("h:70000")).hasMessageStartingWith("The collector port");
    }
}
