package dev.gatehouse.app.declarative.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.deck.DeckKind;
import dev.gatehouse.app.declarative.deck.FileEntities;
import dev.gatehouse.app.declarative.deck.Futures;
import dev.gatehouse.app.declarative.deck.GatewayState;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntityOwner;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Applies a plan: first every entity of the file through the gateway's schema validation (nothing changes if one
 * fails), then each change in the plan's order, stopping at the first the gateway refuses.
 */
public final class PlanApplier {

    private final GatewayRepository gateway;

    public PlanApplier(GatewayRepository gateway) {
        this.gateway = gateway;
    }

    /**
     * Validates, then applies; {@code progress} sees each change once it is done. Returns the changes applied;
     * throws {@link ApplyException} saying what was applied when it stops. Blocks, so call it off the FX thread.
     */
    public List<Change> apply(Plan plan, Consumer<Change> progress) {
        validate(plan);
        return execute(plan, progress);
    }

    /** Applies a plan {@link #validate} accepted; stops at the first refusal, saying what was applied. */
    public List<Change> execute(Plan plan, Consumer<Change> progress) {
        Ids ids = new Ids(GatewayState.load(gateway));
        List<Change> applied = new ArrayList<>();
        for (Change change : plan.changes()) {
            try {
                run(change, ids);
            } catch (RuntimeException e) {
                throw new ApplyException(
                        "The gateway refused " + change.line() + ": " + reason(e) + ". "
                                + ApplyException.appliedBefore(applied),
                        applied);
            }
            applied.add(change);
            progress.accept(change);
        }
        return applied;
    }

    /** Every entity through {@code /schemas/.../validate}; all the problems in one message, nothing changed. */
    public void validate(Plan plan) {
        List<String> problems = new ArrayList<>();
        for (ValidationTarget target : plan.entities()) {
            if (target.refusal().isPresent()) {
                problems.add(target.refusal().get());
                continue;
            }
            try {
                Futures.join(gateway.validate(((DeckKind) target.kind()).entityKind(), target.request()));
            } catch (GatewayException e) {
                problems.add(target.kind().word() + " " + target.name() + " is invalid: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ApplyException(
                    "Nothing was applied: " + String.join("; ", problems)
                            + (problems.getLast().endsWith(".") ? "" : "."),
                    List.of());
        }
    }

    private void run(Change change, Ids ids) {
        DeckKind kind = (DeckKind) change.kind();
        EntityKind entityKind = kind.entityKind();
        switch (change.op()) {
            case CREATE -> {
                ObjectNode body = ids.resolved(change.request());
                ObjectNode created;
                if (kind == DeckKind.KEY_AUTH || kind == DeckKind.ACL_GROUP) {
                    // Credentials are created under their consumer, as Kong's nested endpoints expect.
                    JsonNode consumer = body.remove("consumer");
                    created = Futures.join(gateway.create(
                            new EntityOwner(
                                    EntityKind.CONSUMERS, consumer.path("id").asText()),
                            entityKind,
                            body));
                } else {
                    created = Futures.join(gateway.create(entityKind, body));
                }
                ids.remember(kind, created);
            }
            case UPDATE ->
                Futures.join(gateway.update(entityKind, change.liveId().orElseThrow(), ids.resolved(change.request())));
            case DELETE -> {
                try {
                    Futures.join(gateway.delete(entityKind, change.liveId().orElseThrow()));
                } catch (GatewayException e) {
                    // Deleting a route or consumer takes its plugins and keys with it (on_delete cascade).
                    if (!e.isNotFound()) {
                        throw e;
                    }
                }
            }
        }
    }

    private static String reason(RuntimeException e) {
        return e instanceof GatewayException
                ? e.getMessage()
                : "the gateway could not be reached (" + e.getMessage() + ")";
    }

    /** Ids by name (and by id) for each kind: the live ones, then those created as the plan goes. */
    private static final class Ids {
        private final Map<DeckKind, Map<String, String>> byName = new EnumMap<>(DeckKind.class);

        Ids(GatewayState live) {
            for (DeckKind kind : DeckKind.values()) {
                live.all(kind).forEach(e -> remember(kind, e));
            }
        }

        void remember(DeckKind kind, ObjectNode entity) {
            Map<String, String> names = byName.computeIfAbsent(kind, k -> new HashMap<>());
            String id = entity.path("id").asText();
            names.put(id, id);
            if (GatewayState.hasName(kind, entity)) {
                names.put(GatewayState.nameOf(kind, entity), id);
            }
        }

        /** The request with its references (names in the plan) as {@code {"id": ...}}. */
        ObjectNode resolved(ObjectNode request) {
            ObjectNode body = request.deepCopy();
            for (String field : FileEntities.FOREIGN) {
                JsonNode ref = body.get(field);
                if (ref != null && ref.isTextual()) {
                    DeckKind kind = Planner.refKind(field);
                    String id = byName.getOrDefault(kind, Map.of()).get(ref.asText());
                    if (id == null) {
                        throw new GatewayException(
                                404, null, "its " + field + " " + ref.asText() + " does not exist", Map.of());
                    }
                    body.putObject(field).put("id", id);
                }
            }
            return body;
        }
    }
}
