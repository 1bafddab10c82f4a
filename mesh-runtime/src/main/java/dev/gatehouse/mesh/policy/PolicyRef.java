package dev.gatehouse.mesh.policy;

/** Names one policy: its Kuma type ("TrafficPermission" or "MeshTrafficPermission") and name. */
public record PolicyRef(String type, String name) {
    public static PolicyRef trafficPermission(String name) {
        return new PolicyRef("TrafficPermission", name);
    }

    public static PolicyRef meshTrafficPermission(String name) {
        return new PolicyRef("MeshTrafficPermission", name);
    }
}
