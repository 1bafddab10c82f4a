package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.KongManifests;
import dev.gatehouse.app.declarative.kubernetes.Names;
import dev.gatehouse.app.repository.gateway.GatewayException;
import java.util.List;
import java.util.Map;

/**
 * Kong consumers as the namespace's KongConsumers of class {@code kong}; the object is named after the username
 * (else the custom_id) made a valid Kubernetes name, which no Kong field shows, so any username is accepted.
 */
final class ConsumerMapping implements KindMapping {

    @Override
    public List<ObjectNode> list(Snapshot snapshot) {
        return snapshot.kongConsumers().stream()
                .map(c -> KubeObjects.entity(c, KongManifests.consumerFields(c), true))
                .toList();
    }

    @Override
    public List<String> identities() {
        return List.of("username");
    }

    @Override
    public String create(Snapshot snapshot, ObjectNode consumer) {
        check(snapshot, consumer, null);
        String wanted = consumer.hasNonNull("username")
                ? consumer.get("username").asText()
                : consumer.get("custom_id").asText();
        String name = new Names(snapshot.names(KubeType.KONG_CONSUMER)).unique(wanted);
        Cluster cluster = snapshot.cluster();
        return KubeObjects.uid(cluster.create(
                KubeType.KONG_CONSUMER, KongManifests.consumer(consumer, name, cluster.namespace(), List.of())));
    }

    @Override
    public void update(Snapshot snapshot, ObjectNode current, ObjectNode merged) {
        check(snapshot, merged, current.path("id").asText());
        ObjectNode manifest = manifest(snapshot, current);
        Map<String, String> tags = KubeObjects.tagAnnotation(merged);
        ObjectNode updated = KubeObjects.reannotated(manifest, List.of(KongManifests.TAGS), tags);
        KongManifests.consumerBody(updated, merged);
        snapshot.cluster().update(KubeType.KONG_CONSUMER, updated);
    }

    @Override
    public void delete(Snapshot snapshot, ObjectNode current) {
        ObjectNode manifest = manifest(snapshot, current);
        // Kong deletes a consumer's credentials and plugins with it.
        for (String secret : KongManifests.credentials(manifest)) {
            snapshot.byName(KubeType.SECRET, secret)
                    .filter(s -> s.path("metadata").path("labels").has(KongManifests.CREDENTIAL))
                    .ifPresent(s -> snapshot.cluster().delete(KubeType.SECRET, secret));
        }
        PluginMapping.cascade(snapshot, manifest);
        snapshot.cluster().delete(KubeType.KONG_CONSUMER, KubeObjects.name(manifest));
    }

    static ObjectNode manifest(Snapshot snapshot, ObjectNode current) {
        String id = current.path("id").asText();
        return snapshot.byUid(KubeType.KONG_CONSUMER, id).orElseThrow(() -> Refusals.notFound("Consumer " + id));
    }

    /** Kong's consumer checks: a username or a custom_id, each unique. */
    private void check(Snapshot snapshot, ObjectNode consumer, String except) {
        if (!consumer.hasNonNull("username") && !consumer.hasNonNull("custom_id")) {
            throw Refusals.schemaViolation(
                    GatewayException.ENTITY_FIELD,
                    "at least one of these fields must be non-empty: 'custom_id', 'username'");
        }
        for (String field : List.of("username", "custom_id")) {
            if (!consumer.hasNonNull(field)) {
                continue;
            }
            String value = consumer.get(field).asText();
            boolean taken = list(snapshot).stream()
                    .anyMatch(c -> !c.path("id").asText().equals(except)
                            && value.equals(c.path(field).asText(null)));
            if (taken) {
                throw Refusals.unique(field, "UNIQUE violation detected on '{" + field + "=\"" + value + "\"}'");
            }
        }
    }
}
