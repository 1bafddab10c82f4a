package dev.gatehouse.gateway.expression;

/** The binary operators of the ATC language, with their spelling (atc-router {@code atc_grammar.pest}). */
public enum Operator {
    EQUALS("=="),
    NOT_EQUALS("!="),
    REGEX("~"),
    PREFIX("^="),
    POSTFIX("=^"),
    GREATER_OR_EQUAL(">="),
    GREATER(">"),
    LESS_OR_EQUAL("<="),
    LESS("<"),
    IN("in"),
    NOT_IN("not in"),
    CONTAINS("contains");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
