package dev.gatehouse.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * A write-only field expanded into real fields before validation (Kong's {@code shorthand_fields}, e.g. a
 * service's {@code url}). The function returns the fields to set, or null when the value cannot be expanded.
 */
public record Shorthand(String name, Field field, Function<JsonNode, ObjectNode> expand) {}
