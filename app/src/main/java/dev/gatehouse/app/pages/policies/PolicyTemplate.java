package dev.gatehouse.app.pages.policies;

/** The permissions the page creates from a template; each names a source and (but the last) a destination. */
public enum PolicyTemplate {
    ALLOW,
    DENY,
    ALLOW_ALL_FROM;

    /** Whether the template needs a destination service. */
    public boolean needsDestination() {
        return this != ALLOW_ALL_FROM;
    }

    /** The bundle key of its name. */
    public String labelKey() {
        return switch (this) {
            case ALLOW -> "policies.template.allow";
            case DENY -> "policies.template.deny";
            case ALLOW_ALL_FROM -> "policies.template.allow.all.from";
        };
    }
}
