package dev.gatehouse.app.pages.export;

/** What the Export page exports: the gateway, the mesh, or both. */
public enum ExportScope {
    GATEWAY,
    MESH,
    BOTH;

    public boolean gateway() {
        return this != MESH;
    }

    public boolean mesh() {
        return this != GATEWAY;
    }

    public String messageKey() {
        return switch (this) {
            case GATEWAY -> "export.scope.gateway";
            case MESH -> "export.scope.mesh";
            case BOTH -> "export.scope.both";
        };
    }
}
