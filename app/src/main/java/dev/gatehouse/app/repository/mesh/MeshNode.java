package dev.gatehouse.app.repository.mesh;

/** Who answers for the mesh: the product ("Kuma", "Kong Mesh", Gatehouse's control plane) and its version. */
public record MeshNode(String product, String version) {}
