package dev.gatehouse.gateway.expression;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The semantic check atc-router runs after parsing ({@code src/semantics.rs}): every field known to the schema, both
 * sides of the same type, each operator with the types it supports. The messages are atc-router's.
 */
public final class ExpressionCheck {

    private ExpressionCheck() {}

    /** The fields the expression names, in order of first use; an {@link IllegalArgumentException} when invalid. */
    public static Set<String> fields(Expression expression, FieldSchema schema) {
        Set<String> fields = new LinkedHashSet<>();
        expression.forEachPredicate(p -> {
            String error = check(p, schema);
            if (error != null) {
                throw new IllegalArgumentException(error);
            }
            fields.add(p.lhs().field());
        });
        return fields;
    }

    private static String check(Expression.Predicate p, FieldSchema schema) {
        AtcType lhs = schema.typeOf(p.lhs().field());
        if (lhs == null) {
            return "Unknown LHS field";
        }
        Operator op = p.op();
        AtcType rhs = p.rhs().type();
        if (op != Operator.REGEX && op != Operator.IN && op != Operator.NOT_IN && lhs != rhs) {
            return "Type mismatch between the LHS and RHS values of predicate";
        }
        if (p.lhs().lower() && lhs != AtcType.STRING) {
            return "lower-case transformation function only supported with String type fields";
        }
        return switch (op) {
            case EQUALS, NOT_EQUALS -> null;
            case REGEX -> lhs == AtcType.STRING ? null : "Regex operators only supports string operands";
            case PREFIX, POSTFIX ->
                rhs == AtcType.STRING ? null : "Prefix/Postfix operators only supports string operands";
            case GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL ->
                rhs == AtcType.INT
                        ? null
                        : "Greater/GreaterOrEqual/Less/LessOrEqual operators only supports integer operands";
            case IN, NOT_IN ->
                lhs == AtcType.IP_ADDR && rhs == AtcType.IP_CIDR ? null : "In/NotIn operators only supports IP in CIDR";
            case CONTAINS -> rhs == AtcType.STRING ? null : "Contains operator only supports string operands";
        };
    }
}
