package dev.gatehouse.app.kubernetes.portforward;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Service of Kuma's (or Kong Mesh's) control plane API as Kuma's Helm chart makes it
 * (kumahq/kuma, deployments/charts/kuma/templates/cp-service.yaml): {@code kuma-control-plane} or
 * {@code kong-mesh-control-plane} in the control plane's namespace, its plain API on port 5681
 * ({@code http-api-server}), where the control plane serves its inspection endpoints.
 */
public final class KumaControlPlaneService {

    /** What the control plane's port-forward is called on the console. */
    public static final String PURPOSE = "Kuma's control plane API";

    static final int API_PORT = 5681;
    private static final List<String> NAMES = List.of("kuma-control-plane", "kong-mesh-control-plane");

    private KumaControlPlaneService() {}

    /** The Service found in {@code namespace}, or a sentence saying what was looked for. */
    public static TargetLookup find(KubernetesClient client, String namespace) {
        for (String name : NAMES) {
            Service service;
            try {
                service =
                        client.services().inNamespace(namespace).withName(name).get();
            } catch (KubernetesClientException e) {
                return new TargetLookup(
                        Optional.empty(), "Services could not be read in " + namespace + " (" + e.getCode() + ")");
            }
            boolean api = service != null
                    && service.getSpec().getPorts().stream()
                            .anyMatch(p -> Integer.valueOf(API_PORT).equals(p.getPort()));
            if (api) {
                return new TargetLookup(
                        Optional.of(new ForwardTarget(
                                ForwardTarget.Serves.MESH, PURPOSE, namespace, name, API_PORT, false)),
                        "");
            }
        }
        return new TargetLookup(
                Optional.empty(),
                "no Service " + String.join(" or ", NAMES) + " with port " + API_PORT + " in namespace " + namespace);
    }
}
