package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.KongManifests;
import dev.gatehouse.app.declarative.kubernetes.Names;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A consumer's credentials as KIC reads them: Secrets labelled {@code konghq.com/credential: <type>} whose one
 * field holds the value (key-auth's {@code key}, acl's {@code group}), named in the KongConsumer's
 * {@code credentials}. A labelled Secret no KongConsumer names belongs to no consumer and is not listed.
 */
final class CredentialMapping implements KindMapping {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final String type;
    private final String field;
    /** Whether values are unique across consumers (key-auth keys) or per consumer (acl groups). */
    private final boolean globallyUnique;

    private CredentialMapping(String type, String field, boolean globallyUnique) {
        this.type = type;
        this.field = field;
        this.globallyUnique = globallyUnique;
    }

    static CredentialMapping keyAuth() {
        return new CredentialMapping("key-auth", "key", true);
    }

    static CredentialMapping acl() {
        return new CredentialMapping("acl", "group", false);
    }

    @Override
    public List<ObjectNode> list(Snapshot snapshot) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode consumer : snapshot.kongConsumers()) {
            for (String name : KongManifests.credentials(consumer)) {
                snapshot.byName(KubeType.SECRET, name).filter(this::isMine).ifPresent(secret -> {
                    ObjectNode fields = JsonNodeFactory.instance.objectNode();
                    fields.set("consumer", KubeObjects.ref(KubeObjects.uid(consumer)));
                    fields.put(field, value(secret));
                    fields.set("tags", KubeObjects.tags(secret));
                    if ("key-auth".equals(type)) {
                        fields.putNull("ttl");
                    }
                    out.add(KubeObjects.entity(secret, fields, false));
                });
            }
        }
        return out;
    }

    @Override
    public List<String> identities() {
        return globallyUnique ? List.of(field) : List.of();
    }

    @Override
    public String create(Snapshot snapshot, ObjectNode entity) {
        JsonNode ref = entity.get("consumer");
        if (ref == null || ref.isNull()) {
            throw Refusals.schemaViolation("consumer", "required field missing");
        }
        ObjectNode consumer = References.resolve(snapshot, "consumer", ref);
        ObjectNode credential = entity.deepCopy();
        if (!credential.hasNonNull(field)) {
            if (!"key".equals(field)) {
                throw Refusals.schemaViolation(field, "required field missing");
            }
            credential.put(field, randomKey());
        }
        unique(snapshot, credential, KubeObjects.uid(consumer), null);
        String wanted = KubeObjects.name(consumer) + "-" + type
                + ("group".equals(field) ? "-" + credential.get(field).asText() : "");
        Cluster cluster = snapshot.cluster();
        String name = new Names(snapshot.names(KubeType.SECRET)).unique(wanted);
        ObjectNode created = cluster.create(KubeType.SECRET, secret(credential, name, cluster.namespace()));
        List<String> credentials = new ArrayList<>(KongManifests.credentials(consumer));
        credentials.add(name);
        try {
            cluster.update(KubeType.KONG_CONSUMER, withCredentials(consumer, credentials));
        } catch (RuntimeException e) {
            // A Secret no consumer names is no credential; leave none behind.
            cluster.delete(KubeType.SECRET, name);
            throw e;
        }
        return KubeObjects.uid(created);
    }

    @Override
    public void update(Snapshot snapshot, ObjectNode current, ObjectNode merged) {
        if (!Objects.equals(current.get("consumer"), merged.get("consumer"))) {
            throw Refusals.schemaViolation(
                    "consumer", "a credential stays with its consumer; delete it and add it to the other consumer");
        }
        if (!merged.hasNonNull(field)) {
            throw Refusals.schemaViolation(field, "required field missing");
        }
        unique(
                snapshot,
                merged,
                current.path("consumer").path("id").asText(),
                current.path("id").asText());
        ObjectNode secret = manifest(snapshot, current);
        ObjectNode updated =
                secret(merged, KubeObjects.name(secret), snapshot.cluster().namespace());
        updated.set("metadata", secret.get("metadata").deepCopy());
        Map<String, String> tags = KubeObjects.tagAnnotation(merged);
        snapshot.cluster().update(KubeType.SECRET, KubeObjects.reannotated(updated, List.of(KongManifests.TAGS), tags));
    }

    @Override
    public void delete(Snapshot snapshot, ObjectNode current) {
        ObjectNode secret = manifest(snapshot, current);
        Cluster cluster = snapshot.cluster();
        snapshot.byUid(
                        KubeType.KONG_CONSUMER,
                        current.path("consumer").path("id").asText())
                .ifPresent(consumer -> {
                    List<String> credentials = new ArrayList<>(KongManifests.credentials(consumer));
                    credentials.remove(KubeObjects.name(secret));
                    cluster.update(KubeType.KONG_CONSUMER, withCredentials(consumer, credentials));
                });
        cluster.delete(KubeType.SECRET, KubeObjects.name(secret));
    }

    private boolean isMine(JsonNode secret) {
        return type.equals(secret.path("metadata")
                .path("labels")
                .path(KongManifests.CREDENTIAL)
                .asText());
    }

    private ObjectNode manifest(Snapshot snapshot, ObjectNode current) {
        String id = current.path("id").asText();
        return snapshot.byUid(KubeType.SECRET, id).orElseThrow(() -> Refusals.notFound(type + " credential " + id));
    }

    /**
     * The credential's Secret with its value base64 under {@code data}, as the API server stores
     * {@code stringData}: written so, it reads back the same from every server.
     */
    private ObjectNode secret(ObjectNode credential, String name, String namespace) {
        ObjectNode secret = KongManifests.credential(name, namespace, type, credential, field);
        String value = secret.path("stringData").path(field).asText();
        secret.remove("stringData");
        secret.putObject("data").put(field, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        return secret;
    }

    private String value(JsonNode secret) {
        JsonNode data = secret.path("data").path(field);
        if (data.isTextual()) {
            return new String(Base64.getDecoder().decode(data.asText()), StandardCharsets.UTF_8);
        }
        return secret.path("stringData").path(field).asText("");
    }

    /** Kong's key uniqueness (keyauth_credentials.key is unique) and its acl one (a group once per consumer). */
    private void unique(Snapshot snapshot, ObjectNode credential, String consumerId, String except) {
        String value = credential.get(field).asText();
        boolean taken = list(snapshot).stream()
                .anyMatch(c -> !c.path("id").asText().equals(except)
                        && value.equals(c.path(field).asText())
                        && (globallyUnique
                                || consumerId.equals(
                                        c.path("consumer").path("id").asText())));
        if (taken) {
            // The message does not repeat a key: keys are secrets.
            throw Refusals.unique(
                    field,
                    globallyUnique
                            ? "UNIQUE violation detected on '{" + field + "}': another credential has this " + field
                            : "UNIQUE violation detected on '{consumer,group=\"" + value + "\"}'");
        }
    }

    private static ObjectNode withCredentials(ObjectNode consumer, List<String> credentials) {
        ObjectNode copy = consumer.deepCopy();
        if (credentials.isEmpty()) {
            copy.remove("credentials");
        } else {
            var list = copy.putArray("credentials");
            credentials.forEach(list::add);
        }
        return copy;
    }

    /** Kong's generated key: 32 alphanumeric characters (kong/tools/rand.lua random_string). */
    private static String randomKey() {
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            key.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return key.toString();
    }
}
