package dev.gatehouse.app.declarative.deck;

import dev.gatehouse.app.declarative.PlanKind;
import dev.gatehouse.app.repository.gateway.EntityKind;

/**
 * The gateway entities a decK file holds, named as decK names them in its plan (go-database-reconciler
 * pkg/types/core.go), in the order they are created: parents before what refers to them.
 */
public enum DeckKind implements PlanKind {
    SERVICE("service", EntityKind.SERVICES, "name"),
    ROUTE("route", EntityKind.ROUTES, "name"),
    CONSUMER("consumer", EntityKind.CONSUMERS, "username"),
    KEY_AUTH("key-auth", EntityKind.KEY_AUTH_CREDENTIALS, "key"),
    ACL_GROUP("acl-group", EntityKind.ACL_GROUPS, "group"),
    PLUGIN("plugin", EntityKind.PLUGINS, "name");

    private final String word;
    private final EntityKind entityKind;
    private final String nameField;

    DeckKind(String word, EntityKind entityKind, String nameField) {
        this.word = word;
        this.entityKind = entityKind;
        this.nameField = nameField;
    }

    /** The field decK names an entity of this kind by (its FriendlyName): name, username, key or group. */
    public String nameField() {
        return nameField;
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
