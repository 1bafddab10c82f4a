package dev.gatehouse.app.pages.export;

/** What the Export page writes, and which scopes each format can hold. */
public enum ExportFormat {
    /** A decK file: the gateway only. */
    DECK,
    /** Kuma Universal YAML: the mesh only. */
    KUMA,
    /** Kubernetes manifests for the Kong Ingress Controller and Kuma: the gateway, the mesh or both. */
    KUBERNETES;

    public boolean allows(ExportScope scope) {
        return switch (this) {
            case DECK -> scope == ExportScope.GATEWAY;
            case KUMA -> scope == ExportScope.MESH;
            case KUBERNETES -> true;
        };
    }

    public String messageKey() {
        return switch (this) {
            case DECK -> "export.format.deck";
            case KUMA -> "export.format.kuma";
            case KUBERNETES -> "export.format.kubernetes";
        };
    }
}
