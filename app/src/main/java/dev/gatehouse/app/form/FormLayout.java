package dev.gatehouse.app.form;

import java.util.List;
import java.util.Set;

/**
 * How a form orders a schema's top-level fields: the primary ones first in this order, the hidden ones never
 * (ids, timestamps, fields a page sets itself), everything else under "Advanced".
 */
public record FormLayout(List<String> primary, Set<String> hidden) {

    /** Fields Kong fills in itself; never edited. */
    public static final Set<String> AUTO = Set.of("id", "created_at", "updated_at");

    public FormLayout {
        primary = List.copyOf(primary);
        hidden = Set.copyOf(hidden);
    }
}
