package dev.gatehouse.app.pages.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.PermissionDecision;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The mesh hops a request through the gateway to a mesh service takes, each with the control plane's permission
 * decision: the gateway's data plane to the service, then the service to each service it calls (its outbounds). A
 * 503 or 500 from a service behind the mesh usually means one of these is denied; this says which.
 */
public final class MeshHops {

    /** Kuma's DNS suffix for mesh services: {@code demo-app.mesh} is service {@code demo-app}. */
    private static final String MESH_SUFFIX = ".mesh";

    /** One connection the request needs, and whether the mesh allows it and why. */
    record Hop(String source, String destination, PermissionDecision decision) {}

    /** The mesh the service is in, and the hops checked. */
    record Check(String mesh, String service, List<Hop> hops) {

        List<Hop> denied() {
            return hops.stream().filter(h -> !h.decision().allowed()).toList();
        }
    }

    private MeshHops() {}

    /** The mesh service a Kong service's host names ({@code demo-app.mesh} → demo-app); empty for other hosts. */
    public static Optional<String> meshService(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(MESH_SUFFIX) && h.length() > MESH_SUFFIX.length()
                ? Optional.of(h.substring(0, h.length() - MESH_SUFFIX.length()))
                : Optional.empty();
    }

    /** Finds the mesh whose data planes offer {@code service} and asks the control plane about each hop. */
    static CompletableFuture<Optional<Check>> check(MeshRepository repository, String service) {
        return repository.meshes().thenCompose(meshes -> {
            List<CompletableFuture<Optional<Check>>> each = new ArrayList<>();
            for (ObjectNode mesh : meshes) {
                String name = mesh.path("name").asText();
                each.add(repository
                        .dataplanes(name)
                        .thenCompose(dataplanes -> check(repository, name, service, dataplanes)));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(done -> each.stream()
                            .map(CompletableFuture::join)
                            .flatMap(Optional::stream)
                            .findFirst());
        });
    }

    private static CompletableFuture<Optional<Check>> check(
            MeshRepository repository, String mesh, String service, List<ObjectNode> dataplanes) {
        Set<String> gateways = new LinkedHashSet<>();
        Set<String> outbounds = new LinkedHashSet<>();
        boolean offered = false;
        for (ObjectNode overview : dataplanes) {
            JsonNode networking =
                    (overview.has("dataplane") ? overview.path("dataplane") : overview).path("networking");
            String gateway = networking
                    .path("gateway")
                    .path("tags")
                    .path("kuma.io/service")
                    .asText("");
            if (!gateway.isEmpty()) {
                gateways.add(gateway);
            }
            boolean offers = false;
            for (JsonNode inbound : networking.path("inbound")) {
                offers |= service.equals(
                        inbound.path("tags").path("kuma.io/service").asText());
            }
            if (offers) {
                offered = true;
                networking.path("outbound").forEach(out -> {
                    String target = out.path("tags").path("kuma.io/service").asText("");
                    if (!target.isEmpty()) {
                        outbounds.add(target);
                    }
                });
            }
        }
        if (!offered) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        List<CompletableFuture<Hop>> hops = new ArrayList<>();
        gateways.forEach(gateway -> hops.add(hop(repository, mesh, gateway, service)));
        outbounds.forEach(target -> hops.add(hop(repository, mesh, service, target)));
        return CompletableFuture.allOf(hops.toArray(CompletableFuture[]::new))
                .thenApply(done -> Optional.of(new Check(
                        mesh,
                        service,
                        hops.stream().map(CompletableFuture::join).toList())));
    }

    private static CompletableFuture<Hop> hop(
            MeshRepository repository, String mesh, String source, String destination) {
        return repository.decide(mesh, source, destination).thenApply(d -> new Hop(source, destination, d));
    }
}
