package dev.gatehouse.app.declarative.deck;

import java.util.List;

/**
 * How to export: {@code includeSecrets} keeps key-auth keys (they are redacted otherwise), {@code selectTags}
 * exports only entities carrying all of those tags and records them in {@code _info.select_tags}.
 */
public record ExportOptions(boolean includeSecrets, List<String> selectTags) {

    public ExportOptions {
        selectTags = List.copyOf(selectTags);
    }

    /** Secrets redacted, every entity. */
    public static ExportOptions defaults() {
        return new ExportOptions(false, List.of());
    }

    public ExportOptions withSecrets() {
        return new ExportOptions(true, selectTags);
    }
}
