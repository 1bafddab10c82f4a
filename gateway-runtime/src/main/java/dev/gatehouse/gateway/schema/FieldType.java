package dev.gatehouse.gateway.schema;

/** The field types of Kong's schema library ({@code kong/db/schema/init.lua}). */
public enum FieldType {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    ARRAY,
    SET,
    MAP,
    RECORD,
    FOREIGN;

    public String luaName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
