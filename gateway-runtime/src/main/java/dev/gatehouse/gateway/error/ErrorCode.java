package dev.gatehouse.gateway.error;

/** Kong's DB error codes, names and Admin API statuses ({@code kong/db/errors.lua}, {@code ERRORS_HTTP_CODES}). */
public enum ErrorCode {
    INVALID_PRIMARY_KEY(1, "invalid primary key", 400),
    SCHEMA_VIOLATION(2, "schema violation", 400),
    PRIMARY_KEY_VIOLATION(3, "primary key violation", 400),
    FOREIGN_KEY_VIOLATION(4, "foreign key violation", 400),
    UNIQUE_VIOLATION(5, "unique constraint violation", 409),
    NOT_FOUND(6, "not found", 404),
    INVALID_OFFSET(7, "invalid offset", 400),
    DATABASE_ERROR(8, "database error", 500),
    INVALID_SIZE(9, "invalid size", 400),
    INVALID_UNIQUE(10, "invalid unique %s", 400),
    INVALID_OPTIONS(11, "invalid options", 400),
    OPERATION_UNSUPPORTED(12, "operation unsupported", 405),
    FOREIGN_KEYS_UNRESOLVED(13, "foreign keys unresolved", 400),
    DECLARATIVE_CONFIG(14, "invalid declarative configuration", 400),
    REFERENCED_BY_OTHERS(19, "referenced by others", 400);

    private final int code;
    private final String errorName;
    private final int httpStatus;

    ErrorCode(int code, String errorName, int httpStatus) {
        this.code = code;
        this.errorName = errorName;
        this.httpStatus = httpStatus;
    }

    public int code() {
        return code;
    }

    public String errorName() {
        return errorName;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
