package dev.gatehouse.app.declarative.deck;

import com.fasterxml.jackson.databind.JsonNode;

/** How exported secrets are hidden: the field stays (decK requires a key-auth's key) and holds a placeholder. */
public final class Secrets {

    /** What a redacted secret reads as in a file. */
    public static final String PLACEHOLDER = "<redacted>";

    private Secrets() {}

    public static boolean isRedacted(JsonNode value) {
        return value != null && value.isTextual() && PLACEHOLDER.equals(value.textValue());
    }
}
