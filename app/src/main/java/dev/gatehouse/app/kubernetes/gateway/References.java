package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Kong's foreign references ({@code {"id": ...}}, or {@code {"name": ...}} / {@code {"username": ...}}) resolved to
 * the objects they point at: a route's Ingress or HTTPRoute, a service's Service, a consumer's KongConsumer.
 */
final class References {

    private References() {}

    /** The object {@code ref} in field {@code field} (route, service, consumer) points at, or Kong's refusal. */
    static ObjectNode resolve(Snapshot snapshot, String field, JsonNode ref) {
        List<ObjectNode> candidates = PluginMapping.referrers(snapshot, field);
        Optional<ObjectNode> found;
        if (ref.hasNonNull("id")) {
            String id = ref.get("id").asText();
            found = candidates.stream()
                    .filter(o -> id.equals(KubeObjects.uid(o)))
                    .findFirst();
            return found.orElseThrow(() -> Refusals.foreignKey(
                    field,
                    "the foreign key '{id=\"" + id + "\"}' does not reference an existing '" + field + "s' entity."));
        }
        String key = "consumer".equals(field) ? "username" : "name";
        if (!ref.hasNonNull(key)) {
            throw Refusals.schemaViolation(field, "expected a record with an id or a " + key);
        }
        String value = ref.get(key).asText();
        found = candidates.stream()
                .filter(o -> "consumer".equals(field)
                        ? value.equals(o.path("username").asText(null))
                        : value.equals(KubeObjects.name(o)))
                .findFirst();
        return found.orElseThrow(() -> new dev.gatehouse.app.repository.gateway.GatewayException(
                400,
                13,
                "foreign key unresolved (" + field + "." + key + ": the foreign key cannot be resolved with '{" + key
                        + "=\"" + value + "\"}' for an existing '" + field + "s' entity)",
                java.util.Map.of(field, "cannot be resolved with " + key + " " + value)));
    }
}
