package dev.gatehouse.gateway.store;

/** One committed change of one entity; {@code before} is null on create, {@code after} null on delete. */
public record Change(Op op, String type, String id, StoredEntity before, StoredEntity after) {

    /** The kind of change. */
    public enum Op {
        CREATE,
        UPDATE,
        DELETE
    }
}
