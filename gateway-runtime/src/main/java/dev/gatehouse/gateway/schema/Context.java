package dev.gatehouse.gateway.schema;

/** The CRUD context of {@code process_auto_fields}. */
public enum Context {
    INSERT,
    UPDATE,
    UPSERT,
    SELECT;

    boolean insertOrUpsert() {
        return this == INSERT || this == UPSERT;
    }
}
