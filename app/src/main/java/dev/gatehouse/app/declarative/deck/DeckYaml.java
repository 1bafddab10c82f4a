package dev.gatehouse.app.declarative.deck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.app.declarative.SortedYaml;
import java.io.UncheckedIOException;

/**
 * decK files as text. Keys are written in alphabetical order at every level because decK marshals through
 * sigs.k8s.io/yaml (JSON first, then YAML from a map), which sorts them (go-database-reconciler
 * pkg/file/writer.go WriteContentToFile); the same state therefore always gives the same bytes.
 */
public final class DeckYaml {

    /** The format Kong 3.x files carry (pkg/file/writer.go getFormatVersion: "3.0" from Kong 3.0 on). */
    public static final String FORMAT_VERSION = "3.0";

    private static final YAMLMapper YAML = SortedYaml.mapper(false);

    private DeckYaml() {}

    /** The file as YAML, keys sorted. */
    public static String write(ObjectNode file) {
        try {
            return YAML.writeValueAsString(SortedYaml.sorted(file));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a decK file (YAML or JSON); a text that is not a mapping is refused with a sentence. */
    public static ObjectNode read(String text) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DeckFileException("The file is not valid YAML: " + e.getOriginalMessage());
        }
        if (!(tree instanceof ObjectNode file)) {
            throw new DeckFileException("The file is not a decK file: it is not a YAML mapping.");
        }
        if (!file.has("_format_version")) {
            throw new DeckFileException("The file is not a decK file: it has no _format_version.");
        }
        String version = file.get("_format_version").asText();
        if (!FORMAT_VERSION.equals(version)) {
            throw new DeckFileException(
                    "The file's _format_version is " + version + "; only " + FORMAT_VERSION + " (Kong 3.x) is read.");
        }
        return file;
    }
}
