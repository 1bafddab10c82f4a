package dev.gatehouse.app.page;

/** A heading of the left navigation; pages of one group sit together under it, in registration order. */
public record NavGroup(String messageKey) {

    /** Pages shown without a heading (Overview, Live traffic, Connections). */
    public static final NavGroup NONE = new NavGroup("");

    public static final NavGroup GATEWAY = new NavGroup("nav.section.gateway");
    public static final NavGroup MESH = new NavGroup("nav.section.mesh");

    public boolean hasHeading() {
        return !messageKey.isEmpty();
    }
}
