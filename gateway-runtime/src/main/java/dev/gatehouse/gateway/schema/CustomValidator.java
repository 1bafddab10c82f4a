package dev.gatehouse.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** A field validator written in Java (Kong's {@code custom_validator}); returns null when the value is valid. */
@FunctionalInterface
public interface CustomValidator {
    String check(JsonNode value);
}
