package dev.gatehouse.app.declarative.deck;

import dev.gatehouse.app.declarative.PlanKind;
import dev.gatehouse.app.repository.gateway.EntityKind;

/**
 * The gateway entities a decK file holds, named as decK names them in its plan (go-database-reconciler
 * pkg/types/core.go), in the order they are created: parents before what refers to them.
 */
public enum DeckKind implements PlanKind {
    SERVICE("service", EntityKind.SERVICES),
    ROUTE("route", EntityKind.ROUTES),
    CONSUMER("consumer", EntityKind.CONSUMERS),
    KEY_AUTH("key-auth", EntityKind.KEY_AUTH_CREDENTIALS),
    ACL_GROUP("acl-group", EntityKind.ACL_GROUPS),
    PLUGIN("plugin", EntityKind.PLUGINS);

    private final String word;
    private final EntityKind entityKind;

    DeckKind(String word, EntityKind entityKind) {
        this.word = word;
        this.entityKind = entityKind;
    }

    /** decK's word for the kind: {@code service}, {@code key-auth}, {@code acl-group}. */
    @Override
    public String word() {
        return word;
    }

    public EntityKind entityKind() {
        return entityKind;
    }
}
