package dev.gatehouse.app.kubernetes.cluster;

import java.util.List;
import java.util.Optional;

/**
 * What the wizard's fourth step found of the Kong Ingress Controller and of Kuma or Kong Mesh: each part present or
 * not, with its version where one can be read, and the meshes.
 */
public record Installation(Component kongIngressController, Component mesh, List<String> meshes) {

    public Installation {
        meshes = List.copyOf(meshes);
    }

    /** One installed product: what was found (one line each), its version, or why nothing could be seen. */
    public record Component(
            String product, boolean present, Optional<String> version, List<String> found, Optional<String> problem) {

        public Component {
            found = List.copyOf(found);
        }
    }
}
