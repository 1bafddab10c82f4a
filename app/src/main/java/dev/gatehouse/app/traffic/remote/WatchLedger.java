package dev.gatehouse.app.traffic.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.files.OwnerOnlyFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What remote watches added and have not removed yet ({@code live-traffic.json} in the config directory, owner-only,
 * replaced atomically on every change). An entry is written before the plugin or policy is added and removed once it
 * is deleted, so entries left in the file after a crash name exactly what to clean up. The file also keeps this
 * console's id, which the tags and names of what it adds carry (the fallback when the file was lost). Entries added
 * by this process and not closed yet are "live": a sweep leaves them alone.
 */
public final class WatchLedger {

    /** The tag every http-log plugin a watch adds carries. */
    public static final String TAG = "gatehouse-live-traffic";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<LedgerEntry> live = new ArrayList<>();
    private String consoleId;

    /** Opens the ledger, reading the file when it exists; a damaged file counts as empty. */
    public WatchLedger(Path configDir) {
        this.file = configDir.resolve("live-traffic.json");
        if (Files.isRegularFile(file)) {
            try {
                read(JSON.readTree(file.toFile()));
            } catch (IOException | RuntimeException e) {
                entries.clear();
            }
        }
    }

    private void read(JsonNode root) {
        String id = root.path("console").asText("");
        consoleId = id.isEmpty() ? null : id;
        for (JsonNode e : root.path("added")) {
            try {
                entries.add(new LedgerEntry(
                        LedgerEntry.Kind.valueOf(e.path("kind").asText()),
                        e.path("connection").asText(),
                        e.path("id").asText(),
                        e.path("mesh").asText(""),
                        e.path("scope").asText(""),
                        Instant.parse(e.path("addedAt").asText())));
            } catch (IllegalArgumentException | DateTimeParseException skipped) {
                // an entry this version cannot read: the tag fallback still finds what it named
            }
        }
    }

    public Path file() {
        return file;
    }

    /** This console's id (made and kept on first use): what it adds is tagged or named with its first 8 characters. */
    public synchronized String consoleId() {
        if (consoleId == null) {
            consoleId = UUID.randomUUID().toString().replace("-", "");
            save();
        }
        return consoleId;
    }

    /** The tag that tells this console's plugins from another console's. */
    public String consoleTag() {
        return "gatehouse-console-" + consoleId().substring(0, 8);
    }

    /** Writes {@code entry} down (before adding it); it stays live until {@link #remove} or {@link #release}. */
    public synchronized void record(LedgerEntry entry) {
        consoleId();
        entries.removeIf(entry::sameTarget);
        entries.add(entry);
        live.add(entry);
        save();
    }

    /** Forgets {@code entry}: what it names was deleted, or never added. */
    public synchronized void remove(LedgerEntry entry) {
        live.removeIf(entry::sameTarget);
        if (entries.removeIf(entry::sameTarget)) {
            save();
        }
    }

    /** Keeps {@code entry} in the file but no longer live: deleting it failed, the next sweep tries again. */
    public synchronized void release(LedgerEntry entry) {
        live.removeIf(entry::sameTarget);
    }

    /** The entries of {@code connectionId} that no running watch of this console owns: leftovers. */
    public synchronized List<LedgerEntry> leftovers(String connectionId) {
        return entries.stream()
                .filter(e -> e.connectionId().equals(connectionId))
                .filter(e -> live.stream().noneMatch(e::sameTarget))
                .toList();
    }

    /** True when a running watch of this console added it (a sweep must leave it alone). */
    public synchronized boolean isLive(LedgerEntry.Kind kind, String id) {
        return live.stream().anyMatch(e -> e.kind() == kind && e.id().equals(id));
    }

    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        root.put("console", consoleId);
        ArrayNode added = root.putArray("added");
        for (LedgerEntry e : entries) {
            added.addObject()
                    .put("kind", e.kind().name())
                    .put("connection", e.connectionId())
                    .put("id", e.id())
                    .put("mesh", e.mesh())
                    .put("scope", e.scope())
                    .put("addedAt", e.addedAt().toString());
        }
        try {
            OwnerOnlyFileWriter.write(
                    file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, root));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
