package dev.gatehouse.mesh.resource.meshaccesslog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.TargetRef;
import java.util.List;

/**
 * Typed view of a MeshAccessLog {@code spec} (pkg/plugins/policies/meshaccesslog/api/v1alpha1/meshaccesslog.go
 * @v2.14.3). Lists are null when absent, as Kuma's pointers to slices are.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MeshAccessLogSpec(TargetRef targetRef, List<Item> to, List<Item> from, List<Rule> rules) {
    public static final String TCP = "Tcp";
    public static final String FILE = "File";
    public static final String OPEN_TELEMETRY = "OpenTelemetry";
    public static final String PLAIN = "Plain";
    public static final String JSON = "Json";

    /** The typed view of a MeshAccessLog resource; an undecodable body is a 400. */
    public static MeshAccessLogSpec of(Resource r) {
        return ResourceCodec.typed(r.spec(), MeshAccessLogSpec.class);
    }

    public List<Item> toOrEmpty() {
        return to == null ? List.of() : to;
    }

    public List<Item> fromOrEmpty() {
        return from == null ? List.of() : from;
    }

    public List<Rule> rulesOrEmpty() {
        return rules == null ? List.of() : rules;
    }

    /** The top-level targetRef, {@code kind: Mesh} when omitted (Kuma's {@code GetTargetRef}). */
    public TargetRef targetRefOrMesh() {
        return targetRef == null ? TargetRef.wholeMesh() : targetRef;
    }

    /** A {@code to[]} or {@code from[]} item. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(
            TargetRef targetRef, @JsonProperty("default") Conf conf) {}

    /** A {@code rules[]} item: optional SPIFFE-ID / SNI matches and the configuration. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rule(
            JsonNode matches, @JsonProperty("default") Conf conf) {}

    /** {@code default}: the backends (null = not defined). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Conf(List<Backend> backends) {}

    /** One backend: {@code Tcp}, {@code File} or {@code OpenTelemetry}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Backend(String type, TcpBackend tcp, FileBackend file, JsonNode openTelemetry) {}

    /** {@code tcp}: where to send lines, and their format. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TcpBackend(Format format, String address) {}

    /** {@code file}: the file lines are appended to, and their format. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileBackend(Format format, String path) {}

    /** {@code format}: {@code Plain} with {@code plain}, or {@code Json} with {@code json} key/value pairs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Format(String type, String plain, List<JsonValue> json, Boolean omitEmptyValues) {
        public boolean omitEmpty() {
            return Boolean.TRUE.equals(omitEmptyValues);
        }
    }

    /** One {@code json[]} entry: a key and a value with command operators. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JsonValue(String key, String value) {}
}
