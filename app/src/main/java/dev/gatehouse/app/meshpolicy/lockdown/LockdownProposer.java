package dev.gatehouse.app.meshpolicy.lockdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.meshpolicy.PermissionTemplates;
import dev.gatehouse.app.meshpolicy.Phrases;
import dev.gatehouse.app.meshpolicy.PolicyChange;
import dev.gatehouse.app.repository.mesh.MeshCapabilities;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Proposes a lock-down of one mesh from observed pairs. A pair gets a permission unless a policy other than an
 * allow-all already allows it, it is traffic into the delegated gateway, one end is no service of the mesh, or the
 * mesh denied every hop of it. Permissions are grouped by destination, one policy each.
 *
 * <p>A pair an existing policy allows can still lose that policy to the new one: a MeshTrafficPermission takes a
 * destination's inbound from the TrafficPermissions, and a more specific TrafficPermission replaces a wider one. So
 * the draft is checked with the console's engine (current policies, the draft, allow-all removed) and every observed
 * pair it would deny that way joins its destination's permission.
 */
public final class LockdownProposer {

    private static final String SERVICE_TAG = "kuma.io/service";

    private final MeshRepository repository;
    private final Messages messages;
    private final Phrases phrases;

    public LockdownProposer(MeshRepository repository, Messages messages) {
        this.repository = repository;
        this.messages = messages;
        this.phrases = new Phrases(messages);
    }

    /** The proposal for {@code mesh} from {@code observed} (pairs of other meshes are ignored). */
    public CompletableFuture<LockdownProposal> propose(String mesh, List<ObservedPair> observed) {
        List<ObservedPair> pairs =
                observed.stream().filter(p -> p.mesh().equals(mesh)).toList();
        return repository.capabilities().thenCompose(capabilities -> {
            CompletableFuture<PermissionMatrix> matrix = repository.permissionMatrix(mesh);
            CompletableFuture<List<ObjectNode>> dataplanes = repository.dataplanes(mesh);
            CompletableFuture<List<ObjectNode>> tps =
                    policiesIfServed(capabilities, mesh, MeshResourceType.TRAFFIC_PERMISSION);
            CompletableFuture<List<ObjectNode>> mtps =
                    policiesIfServed(capabilities, mesh, MeshResourceType.MESH_TRAFFIC_PERMISSION);
            return CompletableFuture.allOf(matrix, dataplanes, tps, mtps).thenCompose(done -> {
                Draft draft = new Draft(
                        mesh,
                        capabilities.meshTrafficPermission(),
                        matrix.join(),
                        gatewayServices(dataplanes.join()),
                        AllowAllPolicies.of(tps.join(), mtps.join()));
                draft.sort(pairs);
                return repository.previewMatrix(mesh, draft.edits()).thenApply(after -> {
                    draft.keepAllowed(after);
                    return draft.proposal(pairs);
                });
            });
        });
    }

    private CompletableFuture<List<ObjectNode>> policiesIfServed(
            MeshCapabilities capabilities, String mesh, MeshResourceType type) {
        boolean served =
                capabilities.resourceTypes().stream().anyMatch(t -> t.name().equals(type.name()));
        return served ? repository.policies(mesh, type) : CompletableFuture.completedFuture(List.of());
    }

    /** The services of the mesh's delegated gateways: what enters them is the gateway's own entry traffic. */
    static Set<String> gatewayServices(List<ObjectNode> dataplanes) {
        Set<String> out = new HashSet<>();
        for (JsonNode item : dataplanes) {
            JsonNode dataplane = item.has("networking") ? item : item.path("dataplane");
            JsonNode gateway = dataplane.path("networking").path("gateway");
            if (gateway.isObject()) {
                String service = gateway.path("tags").path(SERVICE_TAG).asText("");
                if (!service.isEmpty()) {
                    out.add(service);
                }
            }
        }
        return out;
    }

    /** The proposal as it is worked out: the sources per destination and the pairs left out. */
    private final class Draft {
        private final String mesh;
        private final boolean mtp;
        private final PermissionMatrix before;
        private final Set<String> gateways;
        private final List<PolicyRef> allowAll;
        private final Map<String, Set<String>> sources = new TreeMap<>();
        private final Map<String, SkippedPair> skipped = new TreeMap<>();

        Draft(String mesh, boolean mtp, PermissionMatrix before, Set<String> gateways, List<PolicyRef> allowAll) {
            this.mesh = mesh;
            this.mtp = mtp;
            this.before = before;
            this.gateways = gateways;
            this.allowAll = allowAll;
        }

        void sort(List<ObservedPair> pairs) {
            Set<String> services = new HashSet<>(before.services());
            for (ObservedPair pair : pairs) {
                String named = phrases.pair(pair.source(), pair.destination());
                if (!services.contains(pair.source()) || !services.contains(pair.destination())) {
                    String stranger = services.contains(pair.source()) ? pair.destination() : pair.source();
                    skip(
                            pair,
                            SkippedPair.Reason.NOT_A_SERVICE,
                            Optional.empty(),
                            messages.get("meshpolicy.lockdown.skip.unknown", named, stranger, mesh));
                } else if (gateways.contains(pair.destination())) {
                    skip(
                            pair,
                            SkippedPair.Reason.ENTRY_TRAFFIC,
                            Optional.empty(),
                            messages.get("meshpolicy.lockdown.skip.entry", named, pair.destination()));
                } else if (!pair.passedOnce()) {
                    skip(
                            pair,
                            SkippedPair.Reason.ONLY_DENIED,
                            Optional.empty(),
                            messages.get("meshpolicy.lockdown.skip.denied", named, pair.hops()));
                } else {
                    Optional<ServiceAccess> access = before.pair(pair.source(), pair.destination());
                    Optional<PolicyRef> by = access.flatMap(ServiceAccess::policy);
                    if (access.map(a -> a.access() == ServiceAccess.Access.ALLOWED)
                                    .orElse(false)
                            && by.isPresent()
                            && !allowAll.contains(by.get())) {
                        skip(
                                pair,
                                SkippedPair.Reason.ALREADY_ALLOWED,
                                by,
                                messages.get("meshpolicy.lockdown.skip.allowed", named, phrases.policy(by.get())));
                    } else {
                        sources.computeIfAbsent(pair.destination(), d -> new TreeSet<>())
                                .add(pair.source());
                    }
                }
            }
        }

        private void skip(ObservedPair pair, SkippedPair.Reason reason, Optional<PolicyRef> policy, String sentence) {
            skipped.put(pair.key(), new SkippedPair(pair, reason, policy, sentence));
        }

        /**
         * Pairs skipped as already allowed that {@code after} denies lost their policy to a proposed one: they join
         * that destination's permission. Their destinations have a permission already, so no inbound changes hands
         * again and one round is enough.
         */
        void keepAllowed(PermissionMatrix after) {
            for (SkippedPair skip : List.copyOf(skipped.values())) {
                ObservedPair pair = skip.pair();
                boolean lost = after.pair(pair.source(), pair.destination())
                        .map(a -> !a.allowed())
                        .orElse(false);
                if (skip.reason() == SkippedPair.Reason.ALREADY_ALLOWED
                        && lost
                        && sources.containsKey(pair.destination())) {
                    skipped.remove(pair.key());
                    sources.get(pair.destination()).add(pair.source());
                }
            }
        }

        List<ProposedPermission> permissions() {
            MeshResourceType type = PermissionTemplates.allowType(mtp);
            List<ProposedPermission> out = new ArrayList<>();
            sources.forEach((destination, from) -> {
                String name = PermissionTemplates.name("lockdown-to-" + destination);
                List<String> list = List.copyOf(from);
                out.add(new ProposedPermission(
                        destination, list, type, PermissionTemplates.allowFrom(mesh, name, list, destination, mtp)));
            });
            return out;
        }

        List<MeshEdit> edits() {
            List<MeshEdit> out = new ArrayList<>();
            permissions().forEach(p -> out.add(p.edit()));
            out.addAll(LockdownProposal.removals(mesh, allowAll));
            return out;
        }

        LockdownProposal proposal(List<ObservedPair> observed) {
            List<ProposedPermission> permissions = permissions();
            String removed = allowAll.isEmpty()
                    ? messages.get("meshpolicy.lockdown.no.allow.all")
                    : allowAll.stream().map(phrases::policy).collect(Collectors.joining(", "));
            List<String> parts = new ArrayList<>();
            parts.add(messages.get(
                    "meshpolicy.lockdown.proposal",
                    permissions.size(),
                    permissions.stream().mapToInt(p -> p.sources().size()).sum(),
                    removed));
            if (!before.mtlsEnabled()) {
                parts.add(messages.get("meshpolicy.lockdown.mtls.off", mesh));
            }
            PolicyChange change = new PolicyChange(
                    messages.get("meshpolicy.change.lockdown", mesh, permissions.size(), removed), edits());
            return new LockdownProposal(
                    mesh,
                    mtp,
                    before.mtlsEnabled(),
                    observed,
                    permissions,
                    List.copyOf(skipped.values()),
                    allowAll,
                    String.join(" ", parts),
                    change);
        }
    }
}
