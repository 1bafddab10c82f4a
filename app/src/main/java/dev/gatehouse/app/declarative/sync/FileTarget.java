package dev.gatehouse.app.declarative.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Which runtime a configuration file is for, read from its first YAML document. */
public enum FileTarget {
    /** A decK file: it has {@code _format_version}. */
    GATEWAY,
    /** Kuma Universal YAML: it has {@code type:} and no {@code apiVersion}. */
    MESH,
    /** Kubernetes manifests ({@code apiVersion} and {@code kind}), for kubectl rather than for Gatehouse to apply. */
    KUBERNETES,
    /** None of those. */
    UNKNOWN;

    private static final YAMLMapper YAML = new YAMLMapper();

    /** The target of {@code text}; a text that is not YAML is refused with the parser's reason. */
    public static FileTarget of(String text) {
        JsonNode first;
        try {
            first = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (first == null || !first.isObject()) {
            return UNKNOWN;
        }
        // Before type:, which a Secret also has (type: Opaque); Kuma Universal YAML has no apiVersion.
        if (first.has("apiVersion") && first.has("kind")) {
            return KUBERNETES;
        }
        if (first.has("_format_version")) {
            return GATEWAY;
        }
        return first.hasNonNull("type") ? MESH : UNKNOWN;
    }
}
