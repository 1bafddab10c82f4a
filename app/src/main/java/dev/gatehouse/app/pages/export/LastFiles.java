package dev.gatehouse.app.pages.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.sync.FileTarget;
import dev.gatehouse.app.files.OwnerOnlyFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Keeps the {@link LastFile} of each connection and runtime in the config directory ({@code last-files/}), one JSON
 * file each. The file may hold secrets (an export with them, an applied file), so it is written owner-only and
 * atomically, like the connections file; a damaged one reads as absent rather than stopping the page. Blocks on the
 * disk: call it off the FX thread.
 */
public final class LastFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public LastFiles(Path configDir) {
        this.dir = configDir.resolve("last-files");
    }

    /** The last file of {@code connectionId}'s {@code target} runtime, if one was saved or applied. */
    public Optional<LastFile> read(String connectionId, FileTarget target) {
        Path file = fileOf(connectionId, target);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return Optional.of(new LastFile(
                    target,
                    LastFile.How.valueOf(node.path("how").asText()),
                    Instant.parse(node.path("at").asText()),
                    node.path("name").asText(),
                    node.path("text").asText()));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Makes {@code last} the last file of {@code connectionId}'s runtime, replacing the one before. */
    public void write(String connectionId, LastFile last) {
        ObjectNode node = JSON.createObjectNode()
                .put("how", last.how().name())
                .put("at", last.at().toString())
                .put("name", last.name())
                .put("text", last.text());
        try {
            OwnerOnlyFileWriter.write(fileOf(connectionId, last.target()), JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connection ids are the user's to name in imported files: hex keeps any of them a safe file name. */
    private Path fileOf(String connectionId, FileTarget target) {
        String id = HexFormat.of().formatHex(connectionId.getBytes(StandardCharsets.UTF_8));
        return dir.resolve(id + "-" + target.name().toLowerCase(java.util.Locale.ROOT) + ".json");
    }
}
