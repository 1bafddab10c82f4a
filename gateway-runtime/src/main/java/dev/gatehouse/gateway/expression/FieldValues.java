package dev.gatehouse.gateway.expression;

import java.util.List;

/** The request's values of the fields an expression names; a field the request lacks has none. */
@FunctionalInterface
public interface FieldValues {

    /** The values of {@code field} (more than one for a repeated header or query argument), or null when absent. */
    List<AtcValue> valuesOf(String field);
}
