package dev.gatehouse.app.form;

/** A choice for a foreign-key field: the entity's id and the name a user recognises it by. */
public record EntityRef(String id, String label) {

    @Override
    public String toString() {
        return label;
    }
}
