package dev.gatehouse.mesh.api;

import dev.gatehouse.mesh.resource.ResourceKey;

/**
 * Who sent a request: an admin (a direct loopback caller, the admin token, or a verified client certificate), a data
 * plane (its own token), or anyone else.
 *
 * @param dataplane the dataplane whose token was presented, for {@link Kind#DATAPLANE}
 */
public record ApiCaller(Kind kind, ResourceKey dataplane) {
    /** Kinds of callers. */
    public enum Kind {
        ADMIN,
        DATAPLANE,
        ANONYMOUS
    }

    public static final ApiCaller ADMIN = new ApiCaller(Kind.ADMIN, null);
    public static final ApiCaller ANONYMOUS = new ApiCaller(Kind.ANONYMOUS, null);

    public boolean admin() {
        return kind == Kind.ADMIN;
    }
}
