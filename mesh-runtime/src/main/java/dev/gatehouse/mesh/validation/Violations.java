package dev.gatehouse.mesh.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects violations in order, like Kuma's {@code validators.ValidationError}. */
public final class Violations {
    private final List<Violation> list = new ArrayList<>();

    public Violations add(FieldPath path, String message) {
        list.add(new Violation(path.text(), message));
        return this;
    }

    public Violations add(String field, String message) {
        list.add(new Violation(field, message));
        return this;
    }

    /** Adds every violation of {@code other} below {@code prefix} (Kuma {@code AddErrorAt}). */
    public Violations addAt(FieldPath prefix, Violations other) {
        for (Violation v : other.list) {
            list.add(new Violation(prefix.join(v.field()), v.message()));
        }
        return this;
    }

    public Violations addAll(Violations other) {
        list.addAll(other.list);
        return this;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(list);
    }

    /** Throws when anything was collected. */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new ValidationException(list());
        }
    }
}
