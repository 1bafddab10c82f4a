package dev.gatehouse.app.http;

/** Why talking to an API failed, in the terms a user can act on; each has a sentence in the message bundle. */
public enum ConnectionProblem {
    NONE,
    REFUSED,
    TIMEOUT,
    UNKNOWN_HOST,
    TLS,
    UNAUTHORIZED,
    HTTP_ERROR,
    NOT_RECOGNIZED,
    OTHER
}
