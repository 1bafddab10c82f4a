package dev.gatehouse.app.kubernetes.portforward;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the Service in front of the Kong Admin API of the Kong Ingress Controller's Kong, as Kong's Helm charts name
 * it (Kong/charts, charts/kong/templates/_helpers.tpl {@code kong.service}): {@code <release>-kong-admin} from the
 * {@code kong} chart with {@code admin.enabled}, {@code <release>-gateway-admin} from the {@code ingress} chart (a
 * headless Service KIC discovers its gateways through), with ports {@code kong-admin} (8001, plain) and
 * {@code kong-admin-tls} (8444, the charts' default and often the only one).
 */
public final class KongAdminService {

    /** What the Admin API's port-forward is called on the console. */
    public static final String PURPOSE = "Kong's Admin API";

    /** Kong's own install docs put it here; looked at besides the connection's namespaces. */
    static final String KONG_NAMESPACE = "kong";

    private KongAdminService() {}

    /** Looks in {@code namespaces} (the connection's, first first) and then in {@code kong}. */
    public static TargetLookup find(KubernetesClient client, List<String> namespaces) {
        Set<String> searched = new LinkedHashSet<>(namespaces);
        searched.add(KONG_NAMESPACE);
        List<String> unreadable = new ArrayList<>();
        for (String namespace : searched) {
            List<Service> services;
            try {
                services = client.services().inNamespace(namespace).list().getItems();
            } catch (KubernetesClientException e) {
                unreadable.add(namespace + " (" + e.getCode() + ")");
                continue;
            }
            Optional<ForwardTarget> found = services.stream()
                    .filter(s -> s.getMetadata().getName().endsWith("-admin"))
                    .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
                    .flatMap(s -> target(namespace, s).stream())
                    .findFirst();
            if (found.isPresent()) {
                return new TargetLookup(found, "");
            }
        }
        String looked = "no Service named *-admin with a port kong-admin, kong-admin-tls, 8001 or 8444 in "
                + (searched.size() == 1 ? "namespace " : "namespaces ") + String.join(", ", searched)
                + (unreadable.isEmpty() ? "" : "; Services could not be listed in " + String.join(", ", unreadable));
        return new TargetLookup(Optional.empty(), looked);
    }

    /**
     * The Service's plain Admin API port when it has one, else its TLS one: both travel inside the API server's
     * tunnel, and the plain one needs no client certificate when Kong's Admin API asks TLS clients for one.
     */
    private static Optional<ForwardTarget> target(String namespace, Service service) {
        List<ServicePort> ports = service.getSpec().getPorts();
        Optional<ServicePort> plain = ports.stream()
                .filter(p -> "kong-admin".equals(p.getName())
                        || Integer.valueOf(8001).equals(p.getPort()))
                .findFirst();
        Optional<ServicePort> tls = ports.stream()
                .filter(p -> "kong-admin-tls".equals(p.getName())
                        || Integer.valueOf(8444).equals(p.getPort()))
                .findFirst();
        String name = service.getMetadata().getName();
        return plain.map(p ->
                        new ForwardTarget(ForwardTarget.Serves.GATEWAY, PURPOSE, namespace, name, p.getPort(), false))
                .or(() -> tls.map(p ->
                        new ForwardTarget(ForwardTarget.Serves.GATEWAY, PURPOSE, namespace, name, p.getPort(), true)));
    }
}
