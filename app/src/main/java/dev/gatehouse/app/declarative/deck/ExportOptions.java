package dev.gatehouse.app.declarative.deck;

import java.util.List;

/**
 * How to export: {@code includeSecrets} keeps key-auth keys (they are redacted otherwise), {@code selectTags}
 * exports only entities carrying all of those tags and records them in {@code _info.select_tags}, and
 * {@code includeDefaults} keeps the fields whose value is the gateway schema's default (they are left out
 * otherwise, as {@code deck gateway dump --skip-defaults} leaves them out).
 */
public record ExportOptions(boolean includeSecrets, List<String> selectTags, boolean includeDefaults) {

    public ExportOptions {
        selectTags = List.copyOf(selectTags);
    }

    /** Defaults left out. */
    public ExportOptions(boolean includeSecrets, List<String> selectTags) {
        this(includeSecrets, selectTags, false);
    }

    /** Secrets redacted, defaults left out, every entity. */
    public static ExportOptions defaults() {
        return new ExportOptions(false, List.of(), false);
    }

    public ExportOptions withSecrets() {
        return new ExportOptions(true, selectTags, includeDefaults);
    }

    /** These options keeping the fields whose value is the schema's default. */
    public ExportOptions withDefaults() {
        return new ExportOptions(includeSecrets, selectTags, true);
    }
}
