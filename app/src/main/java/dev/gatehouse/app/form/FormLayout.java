package dev.gatehouse.app.form;

import java.util.List;
import java.util.Set;

/**
 * How a form orders a schema's top-level fields: the primary ones first in this order, the hidden ones never
 * (ids, timestamps, fields a page sets itself), everything else under "Advanced". Groups gather fields that one of
 * Kong's entity checks is about; shorthands are write-only fields that set others.
 */
public record FormLayout(
        List<String> primary,
        Set<String> hidden,
        List<FieldGroup> groups,
        List<Shorthand> shorthands,
        Set<String> multiline) {

    /** Fields Kong fills in itself; never edited. */
    public static final Set<String> AUTO = Set.of("id", "created_at", "updated_at");

    /**
     * Fields shown together under one heading (a route's paths, hosts, methods and headers): an entity check that
     * names any of them ("must set one of 'methods', 'hosts', ...") is shown once, beside the group.
     */
    public record FieldGroup(String titleKey, List<String> fields) {

        public FieldGroup {
            fields = List.copyOf(fields);
        }
    }

    /**
     * A write-only field that sets others, Kong's {@code shorthand_fields}: a service's {@code url} sets protocol,
     * host, port and path (kong/db/schema/entities/services.lua). While it has a value, the fields it sets are not
     * sent, and the gateway's errors about them are the shorthand's.
     */
    public record Shorthand(String field, List<String> sets) {

        public Shorthand {
            sets = List.copyOf(sets);
        }
    }

    public FormLayout {
        primary = List.copyOf(primary);
        hidden = Set.copyOf(hidden);
        groups = List.copyOf(groups);
        shorthands = List.copyOf(shorthands);
        multiline = Set.copyOf(multiline);
    }

    public FormLayout(List<String> primary, Set<String> hidden, List<FieldGroup> groups, List<Shorthand> shorthands) {
        this(primary, hidden, groups, shorthands, Set.of());
    }

    public FormLayout(List<String> primary, Set<String> hidden) {
        this(primary, hidden, List.of(), List.of());
    }

    /** The same layout with these text fields as several-line areas (PEM certificates and keys). */
    public FormLayout withMultiline(Set<String> fields) {
        return new FormLayout(primary, hidden, groups, shorthands, fields);
    }
}
