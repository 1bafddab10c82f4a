package dev.gatehouse.app.page;

/** Headings of the left navigation. */
public enum NavSection {
    NONE(""),
    GATEWAY("nav.section.gateway"),
    MESH("nav.section.mesh");

    private final String messageKey;

    NavSection(String messageKey) {
        this.messageKey = messageKey;
    }

    /** Bundle key of the heading; empty for pages shown without one. */
    public String messageKey() {
        return messageKey;
    }
}
