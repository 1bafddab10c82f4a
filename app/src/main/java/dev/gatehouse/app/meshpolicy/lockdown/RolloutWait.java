package dev.gatehouse.app.meshpolicy.lockdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.mesh.DataplanePermissions;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Waits until the data planes of each destination have its new permission: the control plane's inspection of the
 * data plane ({@link MeshRepository#permissions}) lists the policy on every inbound of that service. A control plane
 * without that inspection (Kuma answers 404 there), or permissions the console computed itself rather than inspected
 * ({@link DataplanePermissions#inspected()}), get the settle time of {@link Pacing} instead, and the {@link Rollout}
 * says so. Asking runs on {@link Delays} and {@link Clock}, so tests need not wait.
 */
public final class RolloutWait {

    private static final String SERVICE_TAG = "kuma.io/service";

    private final MeshRepository repository;
    private final Messages messages;
    private final Clock clock;
    private final Delays delays;
    private final Pacing pacing;

    public RolloutWait(MeshRepository repository, Messages messages, Clock clock, Delays delays, Pacing pacing) {
        this.repository = repository;
        this.messages = messages;
        this.clock = clock;
        this.delays = delays;
        this.pacing = pacing;
    }

    /** Completes once every permission of {@code proposal} is on its destination's data planes; fails on timeout. */
    public CompletableFuture<Rollout> until(LockdownProposal proposal) {
        Instant deadline = clock.instant().plus(pacing.timeout());
        return repository.dataplanes(proposal.mesh()).thenCompose(dataplanes -> {
            Map<String, Set<PolicyRef>> expected = new LinkedHashMap<>();
            Map<String, String> serviceOf = new LinkedHashMap<>();
            List<String> uninspected = new ArrayList<>();
            for (ProposedPermission permission : proposal.permissions()) {
                List<String> serving = serving(dataplanes, permission.destination());
                if (serving.isEmpty()) {
                    uninspected.add(permission.destination());
                }
                for (String dataplane : serving) {
                    expected.computeIfAbsent(dataplane, d -> new java.util.HashSet<>())
                            .add(permission.ref());
                    serviceOf.put(dataplane, permission.destination());
                }
            }
            return poll(proposal.mesh(), expected, serviceOf, deadline).thenCompose(inspected -> {
                List<String> names = List.copyOf(new TreeSet<>(expected.keySet()));
                String rest = uninspected.isEmpty()
                        ? ""
                        : " " + messages.get("meshpolicy.lockdown.rollout.no.inbound", String.join(", ", uninspected));
                if (inspected) {
                    return CompletableFuture.completedFuture(new Rollout(
                            true,
                            names,
                            uninspected,
                            messages.get("meshpolicy.lockdown.rollout.confirmed", String.join(", ", names)) + rest));
                }
                return delays.after(pacing.settle())
                        .thenApply(settled -> new Rollout(
                                false,
                                names,
                                uninspected,
                                messages.get(
                                                "meshpolicy.lockdown.rollout.uninspected",
                                                pacing.settle().toSeconds())
                                        + rest));
            });
        });
    }

    /**
     * Asks each data plane still pending until it shows its policies; completes true when all did, false as soon as
     * the control plane turns out to have no inspection, and fails once the deadline passed.
     */
    private CompletableFuture<Boolean> poll(
            String mesh, Map<String, Set<PolicyRef>> pending, Map<String, String> serviceOf, Instant deadline) {
        if (pending.isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        Map<String, CompletableFuture<DataplanePermissions>> asked = new LinkedHashMap<>();
        pending.keySet().forEach(dataplane -> asked.put(dataplane, repository.permissions(mesh, dataplane)));
        return CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new))
                .handle((done, failure) -> failure)
                .thenCompose(failure -> {
                    if (failure != null) {
                        Throwable cause = UiTasks.unwrap(failure);
                        if (noInspection(cause)) {
                            return CompletableFuture.completedFuture(false);
                        }
                        return CompletableFuture.failedFuture(cause);
                    }
                    if (asked.values().stream()
                            .anyMatch(answer -> !answer.join().inspected())) {
                        // Computed from the policies just written, so it shows them at once: no word from the data
                        // planes (a Kubernetes connection without the control plane's API). Settle instead.
                        return CompletableFuture.completedFuture(false);
                    }
                    Map<String, Set<PolicyRef>> still = new LinkedHashMap<>();
                    asked.forEach((dataplane, answer) -> {
                        Set<PolicyRef> missing = new java.util.HashSet<>(pending.get(dataplane));
                        missing.removeIf(policy -> shows(answer.join(), serviceOf.get(dataplane), policy));
                        if (!missing.isEmpty()) {
                            still.put(dataplane, missing);
                        }
                    });
                    if (still.isEmpty()) {
                        return CompletableFuture.completedFuture(true);
                    }
                    if (!clock.instant().isBefore(deadline)) {
                        Map.Entry<String, Set<PolicyRef>> first =
                                still.entrySet().iterator().next();
                        PolicyRef policy = first.getValue().iterator().next();
                        return CompletableFuture.failedFuture(new RolloutTimeoutException(messages.get(
                                "meshpolicy.lockdown.rollout.timeout",
                                first.getKey(),
                                messages.get("meshpolicy.policy", policy.type(), policy.name()),
                                pacing.timeout().toSeconds())));
                    }
                    return delays.after(pacing.interval())
                            .thenCompose(waited -> poll(mesh, still, serviceOf, deadline));
                });
    }

    /** Whether every inbound of {@code service} on the data plane lists {@code policy} among those governing it. */
    private static boolean shows(DataplanePermissions permissions, String service, PolicyRef policy) {
        List<DataplanePermissions.Inbound> inbounds = permissions.inbounds().stream()
                .filter(in -> service.equals(in.tags().get(SERVICE_TAG)))
                .toList();
        return !inbounds.isEmpty()
                && inbounds.stream().allMatch(in -> in.policies().contains(policy));
    }

    /** Kuma has no per-data-plane permission inspection: 404 (or 405/501 from a proxy in front). */
    private static boolean noInspection(Throwable failure) {
        return failure instanceof MeshException e && (e.status() == 404 || e.status() == 405 || e.status() == 501);
    }

    /** The data planes with an inbound of {@code service} (Dataplane items, or overviews that nest the Dataplane). */
    static List<String> serving(List<ObjectNode> dataplanes, String service) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : dataplanes) {
            JsonNode dataplane = item.has("networking") ? item : item.path("dataplane");
            for (JsonNode inbound : dataplane.path("networking").path("inbound")) {
                if (service.equals(inbound.path("tags").path(SERVICE_TAG).asText())) {
                    out.add(item.path("name").asText());
                    break;
                }
            }
        }
        return out;
    }
}
