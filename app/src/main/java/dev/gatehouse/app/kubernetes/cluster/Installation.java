package dev.gatehouse.app.kubernetes.cluster;

import java.util.List;
import java.util.Optional;

/**
 * What the wizard's fourth step found of the Kong Ingress Controller and of Kuma or Kong Mesh: each part present or
 * not, with its version where one can be read, the meshes, and the Gateway API Gateways of KIC's GatewayClasses
 * ({@code namespace/name}) that routes can be written for as HTTPRoutes.
 */
public record Installation(
        Component kongIngressController, Component mesh, List<String> meshes, List<String> kongGateways) {

    public Installation {
        meshes = List.copyOf(meshes);
        kongGateways = List.copyOf(kongGateways);
    }

    /** Without Gateway API Gateways of the Kong Ingress Controller. */
    public Installation(Component kongIngressController, Component mesh, List<String> meshes) {
        this(kongIngressController, mesh, meshes, List.of());
    }

    /** One installed product: what was found (one line each), its version, or why nothing could be seen. */
    public record Component(
            String product, boolean present, Optional<String> version, List<String> found, Optional<String> problem) {

        public Component {
            found = List.copyOf(found);
        }
    }
}
