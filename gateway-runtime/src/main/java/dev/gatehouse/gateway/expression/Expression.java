package dev.gatehouse.gateway.expression;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;

/**
 * A parsed ATC expression (atc-router {@code ast.rs}), evaluated as atc-router's {@code interpreter.rs} does.
 * {@link #test} records what matched in a {@link MatchResult}, even in branches that end up false, as atc-router
 * does.
 */
public sealed interface Expression {

    /** True when the request's field values satisfy the expression. */
    boolean test(FieldValues values, MatchResult result);

    /** Visits every predicate, left to right. */
    void forEachPredicate(Consumer<Predicate> visitor);

    /** {@code l && r}. */
    record And(Expression left, Expression right) implements Expression {
        public boolean test(FieldValues values, MatchResult result) {
            return left.test(values, result) && right.test(values, result);
        }

        public void forEachPredicate(Consumer<Predicate> visitor) {
            left.forEachPredicate(visitor);
            right.forEachPredicate(visitor);
        }
    }

    /** {@code l || r}. */
    record Or(Expression left, Expression right) implements Expression {
        public boolean test(FieldValues values, MatchResult result) {
            return left.test(values, result) || right.test(values, result);
        }

        public void forEachPredicate(Consumer<Predicate> visitor) {
            left.forEachPredicate(visitor);
            right.forEachPredicate(visitor);
        }
    }

    /** {@code !(e)}. */
    record Not(Expression operand) implements Expression {
        public boolean test(FieldValues values, MatchResult result) {
            return !operand.test(values, result);
        }

        public void forEachPredicate(Consumer<Predicate> visitor) {
            operand.forEachPredicate(visitor);
        }
    }

    /** The left side of a predicate: a field, with the {@code lower()} and {@code any()} transformations. */
    record Lhs(String field, boolean lower, boolean any) {}

    /**
     * {@code lhs op rhs}. A field with several values (a repeated header) must match with every value, or with one
     * under {@code any()}; a field without values never matches, whatever the operator.
     */
    record Predicate(Lhs lhs, Operator op, AtcValue rhs) implements Expression {
        public boolean test(FieldValues values, MatchResult result) {
            List<AtcValue> lhsValues = values.valuesOf(lhs.field());
            if (lhsValues == null || lhsValues.isEmpty()) {
                return false;
            }
            boolean any = lhs.any();
            for (AtcValue v : lhsValues) {
                if (lhs.lower() && v instanceof AtcValue.Str s) {
                    v = new AtcValue.Str(s.value().toLowerCase(Locale.ROOT));
                }
                boolean matched = matches(v, result);
                if (matched && any) {
                    return true;
                }
                if (!matched && !any) {
                    return false;
                }
            }
            return !any;
        }

        private boolean matches(AtcValue v, MatchResult result) {
            switch (op) {
                case EQUALS -> {
                    if (equal(v, rhs)) {
                        result.matched(lhs.field(), rhs);
                        return true;
                    }
                    return false;
                }
                case NOT_EQUALS -> {
                    return !equal(v, rhs);
                }
                case REGEX -> {
                    Matcher m = ((AtcValue.Regex) rhs).pattern().matcher(str(v));
                    if (!m.find()) {
                        return false;
                    }
                    result.matched(lhs.field(), new AtcValue.Str(m.group()));
                    for (int i = 0; i <= m.groupCount(); i++) {
                        if (m.group(i) != null) {
                            result.captured(Integer.toString(i), m.group(i));
                        }
                    }
                    m.namedGroups().forEach((name, i) -> {
                        if (m.group(i) != null) {
                            result.captured(name, m.group(i));
                        }
                    });
                    return true;
                }
                case PREFIX, POSTFIX -> {
                    String s = str(v);
                    String r = str(rhs);
                    if (op == Operator.PREFIX ? s.startsWith(r) : s.endsWith(r)) {
                        result.matched(lhs.field(), rhs);
                        return true;
                    }
                    return false;
                }
                case GREATER -> {
                    return num(v) > num(rhs);
                }
                case GREATER_OR_EQUAL -> {
                    return num(v) >= num(rhs);
                }
                case LESS -> {
                    return num(v) < num(rhs);
                }
                case LESS_OR_EQUAL -> {
                    return num(v) <= num(rhs);
                }
                case IN -> {
                    return ((AtcValue.Cidr) rhs).contains(((AtcValue.Ip) v).value());
                }
                case NOT_IN -> {
                    return !((AtcValue.Cidr) rhs).contains(((AtcValue.Ip) v).value());
                }
                case CONTAINS -> {
                    return str(v).contains(str(rhs));
                }
                default -> throw new IllegalStateException(op.toString());
            }
        }

        private static boolean equal(AtcValue a, AtcValue b) {
            if (a instanceof AtcValue.Str x && b instanceof AtcValue.Str y) {
                return x.value().equals(y.value());
            }
            if (a instanceof AtcValue.Int x && b instanceof AtcValue.Int y) {
                return x.value() == y.value();
            }
            if (a instanceof AtcValue.Ip x && b instanceof AtcValue.Ip y) {
                return x.value().equals(y.value());
            }
            return false;
        }

        private static String str(AtcValue v) {
            return ((AtcValue.Str) v).value();
        }

        private static long num(AtcValue v) {
            return ((AtcValue.Int) v).value();
        }

        public void forEachPredicate(Consumer<Predicate> visitor) {
            visitor.accept(this);
        }
    }
}
