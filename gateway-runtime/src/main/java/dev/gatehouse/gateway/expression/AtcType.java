package dev.gatehouse.gateway.expression;

/** The value types of the ATC language (atc-router {@code ast.rs} {@code Type}). */
public enum AtcType {
    STRING,
    INT,
    IP_ADDR,
    IP_CIDR,
    REGEX
}
