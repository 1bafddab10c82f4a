package dev.gatehouse.app.declarative.deck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Every entity a decK file can hold, as the gateway returns them, fetched through the repository. Entities decK
 * leaves out of a dump are left out here too: those tagged {@code konnect-managed} or {@code konnect-managed-plugin}
 * (go-database-reconciler pkg/dump/dump_konnect.go excludeKonnectManagedEntities / isPluginManagedByKonnect).
 */
public record GatewayState(Map<DeckKind, List<ObjectNode>> entities) {

    private static final List<String> KONNECT_MANAGED = List.of("konnect-managed", "konnect-managed-plugin");

    public GatewayState {
        Map<DeckKind, List<ObjectNode>> copy = new EnumMap<>(DeckKind.class);
        for (DeckKind kind : DeckKind.values()) {
            copy.put(kind, List.copyOf(entities.getOrDefault(kind, List.of())));
        }
        entities = Map.copyOf(copy);
    }

    /** Fetches every kind; blocks, so call it off the FX thread. */
    public static GatewayState load(GatewayRepository gateway) {
        Map<DeckKind, CompletableFuture<List<ObjectNode>>> calls = new EnumMap<>(DeckKind.class);
        for (DeckKind kind : DeckKind.values()) {
            calls.put(kind, gateway.listAll(kind.entityKind()));
        }
        Map<DeckKind, List<ObjectNode>> loaded = new EnumMap<>(DeckKind.class);
        calls.forEach((kind, call) -> loaded.put(
                kind,
                Futures.join(call).stream()
                        .filter(e -> !hasAnyTag(e, KONNECT_MANAGED))
                        .toList()));
        return new GatewayState(loaded);
    }

    public List<ObjectNode> all(DeckKind kind) {
        return entities.get(kind);
    }

    /**
     * Only the entities carrying every tag of {@code selectTags}, as decK's dump lists them with
     * {@code match_all_tags} (pkg/dump/dump.go newOpt); all of them when there is no tag.
     */
    public GatewayState selected(List<String> selectTags) {
        if (selectTags.isEmpty()) {
            return this;
        }
        Map<DeckKind, List<ObjectNode>> kept = new EnumMap<>(DeckKind.class);
        entities.forEach((kind, list) -> kept.put(
                kind, list.stream().filter(e -> hasAllTags(e, selectTags)).toList()));
        return new GatewayState(kept);
    }

    public Optional<ObjectNode> byId(DeckKind kind, String id) {
        return all(kind).stream().filter(e -> id.equals(e.path("id").asText())).findFirst();
    }

    /** The id an entity's foreign field points at ({@code "service": {"id": ...}}), when it is set. */
    public static Optional<String> foreignId(ObjectNode entity, String field) {
        JsonNode ref = entity.get(field);
        return ref != null && ref.hasNonNull("id") ? Optional.of(ref.get("id").asText()) : Optional.empty();
    }

    /** How a file names an entity: its name or username, else its id (decK's FriendlyName). */
    public static String nameOf(DeckKind kind, ObjectNode entity) {
        String field = kind.nameField();
        return entity.hasNonNull(field)
                ? entity.get(field).asText()
                : entity.path("id").asText("");
    }

    /** Whether the entity has the name decK keys it by, so its id can be left out of a file. */
    public static boolean hasName(DeckKind kind, ObjectNode entity) {
        String field = kind.nameField();
        return entity.hasNonNull(field) && !entity.get(field).asText().isEmpty();
    }

    public static boolean hasAllTags(ObjectNode entity, List<String> tags) {
        List<String> own = tagsOf(entity);
        return own.containsAll(tags);
    }

    private static boolean hasAnyTag(ObjectNode entity, List<String> tags) {
        return tagsOf(entity).stream().anyMatch(tags::contains);
    }

    private static List<String> tagsOf(ObjectNode entity) {
        JsonNode tags = entity.get("tags");
        if (tags == null || !tags.isArray()) {
            return List.of();
        }
        return java.util.stream.StreamSupport.stream(tags.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
