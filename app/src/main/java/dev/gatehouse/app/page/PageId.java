package dev.gatehouse.app.page;

/** A page's identity; its message keys ({@code page.<id>.title}) and node ids ({@code nav-<id>}) derive from it. */
public record PageId(String value) {

    /** The Connections page, where empty states send users whose connection is missing or down. */
    public static final PageId CONNECTIONS = new PageId("connections");

    @Override
    public String toString() {
        return value;
    }
}
