package dev.gatehouse.app.traffic;

/** How a request or hop ended, as the graph colours it. */
public enum Outcome {
    /** 1xx-3xx, or a TCP hop that went through. */
    SUCCESS,
    /** 401 or 403 from the gateway's authentication or authorisation. */
    AUTH_DENIED,
    /** Any other 4xx. */
    CLIENT_ERROR,
    /** 5xx, or a TCP hop whose upstream failed (Envoy flags UF, UH, ...). */
    SERVER_ERROR,
    /** The mesh refused the hop: no traffic permission allowed it. */
    MESH_DENIED;

    /** The outcome of an HTTP status (0 = unknown, counted as a server error: nothing was answered). */
    public static Outcome ofStatus(int status) {
        if (status == 401 || status == 403) {
            return AUTH_DENIED;
        }
        if (status >= 400 && status < 500) {
            return CLIENT_ERROR;
        }
        if (status >= 100 && status < 400) {
            return SUCCESS;
        }
        return SERVER_ERROR;
    }

    /** True for everything but success (the edge's error rate counts these). */
    public boolean failed() {
        return this != SUCCESS;
    }
}
