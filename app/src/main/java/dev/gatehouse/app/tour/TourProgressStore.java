package dev.gatehouse.app.tour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.files.OwnerOnlyFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The tour's progress per connection profile id ({@code tour-progress.json} in the config directory): the steps the
 * tour did there and their last check. Written whole, owner-only and atomically after each change, so a crash leaves
 * the previous file; a damaged file reads as no progress (the tour detects what is already true anyway).
 */
public final class TourProgressStore {

    private static final JsonMapper JSON = new JsonMapper();

    private final Path file;

    public TourProgressStore(Path configDir) {
        this.file = configDir.resolve("tour-progress.json");
    }

    public Path file() {
        return file;
    }

    /** The steps done on profile {@code profileId}, in step order. */
    synchronized Map<TourStep, StepRecord> load(String profileId) {
        Map<TourStep, StepRecord> out = new EnumMap<>(TourStep.class);
        JsonNode steps = read().path("profiles").path(profileId);
        for (Iterator<Map.Entry<String, JsonNode>> it = steps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            TourStep.byId(entry.getKey()).ifPresent(step -> {
                try {
                    out.put(
                            step,
                            new StepRecord(
                                    Instant.parse(entry.getValue().path("at").asText()),
                                    entry.getValue().path("check").asText("")));
                } catch (DateTimeParseException e) {
                    // one damaged entry costs that step's mark only
                }
            });
        }
        return out;
    }

    /** Records {@code step} as done on {@code profileId}. */
    synchronized void done(String profileId, TourStep step, StepRecord record) {
        ObjectNode root = read();
        ObjectNode steps = child(child(root, "profiles"), profileId);
        steps.putObject(step.id()).put("at", record.at().toString()).put("check", record.check());
        write(root);
    }

    /** Forgets every step of {@code profileId}; the platform itself is left as it is. */
    synchronized void reset(String profileId) {
        ObjectNode root = read();
        child(root, "profiles").remove(profileId);
        write(root);
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode object ? object : parent.putObject(name);
    }

    private ObjectNode read() {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private void write(ObjectNode root) {
        try {
            OwnerOnlyFileWriter.write(
                    file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, root));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the tour's progress to " + file, e);
        }
    }
}
