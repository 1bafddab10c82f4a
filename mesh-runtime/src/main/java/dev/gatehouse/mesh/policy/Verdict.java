package dev.gatehouse.mesh.policy;

/** Outcome of a permission check; names follow MeshTrafficPermission's {@code default.action}. */
public enum Verdict {
    ALLOW("Allow"),
    DENY("Deny"),
    ALLOW_WITH_SHADOW_DENY("AllowWithShadowDeny");

    private final String kumaName;

    Verdict(String kumaName) {
        this.kumaName = kumaName;
    }

    public String kumaName() {
        return kumaName;
    }

    /** AllowWithShadowDeny lets the connection through (and is counted as a shadow deny). */
    public boolean allowed() {
        return this != DENY;
    }

    public static Verdict ofAction(String action) {
        for (Verdict v : values()) {
            if (v.kumaName.equals(action)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown action " + action);
    }
}
