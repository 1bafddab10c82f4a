package dev.gatehouse.app.meshpolicy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.mesh.MeshCapabilities;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Plans "remove this permission" for a selected edge: the deciding policy comes from the permission matrix; when it
 * decides only this pair the plan is to delete it, else the plan names the other pairs it allows and offers a
 * narrowing ({@link PolicyNarrowing}) that the preview matrix confirms: the pair becomes denied and no other pair
 * changes. Deleting stays offered, with the pairs it would deny.
 */
public final class PermissionRemoval {

    private final MeshRepository mesh;
    private final Messages messages;
    private final Phrases phrases;
    private final PolicyChanges changes;
    private final ImpactPreview impact;

    public PermissionRemoval(MeshRepository mesh, Messages messages) {
        this.mesh = mesh;
        this.messages = messages;
        this.phrases = new Phrases(messages);
        this.changes = new PolicyChanges(messages);
        this.impact = new ImpactPreview(mesh, messages);
    }

    /** The plan for taking {@code source} → {@code destination} away in {@code meshName}. */
    public CompletableFuture<RemovalPlan> plan(String meshName, String source, String destination) {
        return mesh.capabilities()
                .thenCombine(mesh.permissionMatrix(meshName), Context::new)
                .thenCompose(context -> plan(meshName, source, destination, context));
    }

    private record Context(MeshCapabilities capabilities, PermissionMatrix matrix) {}

    private record Found(PermissionImpact deleteImpact, Optional<ObjectNode> policy) {}

    private CompletableFuture<RemovalPlan> plan(String meshName, String source, String destination, Context context) {
        String pair = phrases.pair(source, destination);
        Optional<ServiceAccess> known = context.matrix().pair(source, destination);
        if (known.isEmpty()) {
            return nothing(source, destination, messages.get("meshpolicy.remove.unknown", pair, meshName));
        }
        ServiceAccess access = known.get();
        if (access.access() == ServiceAccess.Access.NOT_ENFORCED) {
            return nothing(source, destination, messages.get("meshpolicy.remove.not.enforced", meshName, pair));
        }
        if (!access.allowed()) {
            return nothing(source, destination, messages.get("meshpolicy.remove.denied", pair));
        }
        Optional<MeshResourceType> type = access.policy().flatMap(p -> PolicyChanges.permissionType(p.type()));
        if (type.isEmpty()) {
            return nothing(source, destination, messages.get("meshpolicy.remove.no.policy", pair));
        }
        PolicyRef policy = access.policy().orElseThrow();
        List<ServiceAccess> others = context.matrix().decidedBy(policy).stream()
                .filter(ServiceAccess::allowed)
                .filter(p -> !(p.source().equals(source) && p.destination().equals(destination)))
                .toList();
        PolicyChange deletion = changes.delete(type.get(), meshName, policy.name());
        CompletableFuture<PermissionImpact> deleteImpact = impact.of(meshName, deletion.edits());
        CompletableFuture<Optional<ObjectNode>> resource = mesh.find(type.get(), meshName, policy.name());
        return deleteImpact.thenCombine(resource, Found::new).thenCompose(found -> {
            PermissionImpact deleted = found.deleteImpact();
            Optional<ObjectNode> current = found.policy();
            RemovalPlan.Option delete = new RemovalPlan.Option(deletion, deleted);
            List<String> sentence = new ArrayList<>();
            if (others.isEmpty()) {
                sentence.add(messages.get("meshpolicy.remove.only", phrases.policy(policy), pair));
                stillAllowedAfter(deleted, source, destination, pair).ifPresent(sentence::add);
                return CompletableFuture.completedFuture(new RemovalPlan(
                        source,
                        destination,
                        Optional.of(policy),
                        others,
                        Optional.of(delete),
                        Optional.empty(),
                        String.join(" ", sentence)));
            }
            sentence.add(messages.get(
                    "meshpolicy.remove.others", phrases.policy(policy), others.size(), phrases.pairs(others)));
            if (current.isEmpty()) {
                sentence.add(messages.get("meshpolicy.remove.gone", phrases.policy(policy)));
                return completed(source, destination, policy, others, delete, Optional.empty(), sentence);
            }
            Narrowing narrowing = PolicyNarrowing.narrow(
                    current.get(), source, destination, context.capabilities().meshTrafficPermission());
            if (narrowing instanceof Narrowing.NotNarrowable(Narrowing.Reason reason)) {
                sentence.add(messages.get(reason.messageKey(), phrases.policy(policy), source, destination));
                return completed(source, destination, policy, others, delete, Optional.empty(), sentence);
            }
            Narrowing.Narrowed narrowed = (Narrowing.Narrowed) narrowing;
            PolicyChange narrowChange = changes.narrow(narrowed, policy, source, destination);
            return impact.of(meshName, narrowChange.edits()).thenApply(narrowImpact -> {
                boolean exact = narrowImpact.newlyAllowed().isEmpty()
                        && narrowImpact.newlyDenied().size() == 1
                        && narrowImpact.newlyDenied().get(0).source().equals(source)
                        && narrowImpact.newlyDenied().get(0).destination().equals(destination);
                if (!exact) {
                    sentence.add(messages.get(
                            "meshpolicy.remove.narrow.inexact", phrases.policy(policy), narrowImpact.sentence()));
                    return plan(source, destination, policy, others, delete, Optional.empty(), sentence);
                }
                sentence.add(
                        messages.get("meshpolicy.remove.narrow", phrases.policy(policy), describe(narrowed, policy)));
                return plan(
                        source,
                        destination,
                        policy,
                        others,
                        delete,
                        Optional.of(new RemovalPlan.Option(narrowChange, narrowImpact)),
                        sentence);
            });
        });
    }

    /**
     * The plan for denying {@code source} → {@code destination} in {@code meshName}: a MeshTrafficPermission
     * {@code Deny} when the preview shows it denies that pair and nothing else; else, when a TrafficPermission
     * decides the pair, the MTP that narrowing writes (its other sources as {@code Allow}, then the {@code Deny});
     * else no change, with the reason.
     */
    public CompletableFuture<DenyPlan> planDeny(String meshName, String source, String destination) {
        return mesh.capabilities()
                .thenCombine(mesh.permissionMatrix(meshName), Context::new)
                .thenCompose(context -> planDeny(meshName, source, destination, context));
    }

    private CompletableFuture<DenyPlan> planDeny(String meshName, String source, String destination, Context context) {
        String pair = phrases.pair(source, destination);
        if (!context.capabilities().meshTrafficPermission()) {
            return CompletableFuture.completedFuture(
                    new DenyPlan(source, destination, Optional.empty(), messages.get("meshpolicy.deny.no.mtp", pair)));
        }
        Optional<ServiceAccess> known = context.matrix().pair(source, destination);
        if (known.isPresent() && !known.get().allowed()) {
            return CompletableFuture.completedFuture(new DenyPlan(
                    source, destination, Optional.empty(), messages.get("meshpolicy.remove.denied", pair)));
        }
        PolicyChange deny = changes.deny(meshName, source, destination);
        return impact.of(meshName, deny.edits()).thenCompose(denyImpact -> {
            if (!context.matrix().mtlsEnabled()) {
                return CompletableFuture.completedFuture(new DenyPlan(
                        source,
                        destination,
                        Optional.of(new RemovalPlan.Option(deny, denyImpact)),
                        messages.get("meshpolicy.deny.not.enforced", pair, meshName)));
            }
            if (deniesExactly(denyImpact, source, destination)) {
                return CompletableFuture.completedFuture(new DenyPlan(
                        source,
                        destination,
                        Optional.of(new RemovalPlan.Option(deny, denyImpact)),
                        messages.get("meshpolicy.deny.exact", pair)));
            }
            Optional<PolicyRef> decider = known.flatMap(ServiceAccess::policy);
            Optional<PolicyRef> winner = denyImpact
                    .after()
                    .pair(source, destination)
                    .filter(ServiceAccess::allowed)
                    .flatMap(ServiceAccess::policy);
            if (winner.isPresent()
                    || decider.isEmpty()
                    || !decider.get().type().equals(MeshResourceType.TRAFFIC_PERMISSION.name())) {
                String reason = winner.isPresent()
                        ? messages.get("meshpolicy.deny.loses", pair, phrases.policy(winner.get()))
                        : messages.get("meshpolicy.deny.too.wide", pair, denyImpact.sentence());
                return CompletableFuture.completedFuture(new DenyPlan(source, destination, Optional.empty(), reason));
            }
            // The destination is governed by a TrafficPermission: the narrowing MTP keeps its other sources.
            PolicyRef policy = decider.get();
            return mesh.find(MeshResourceType.TRAFFIC_PERMISSION, meshName, policy.name())
                    .thenCompose(found -> {
                        Narrowing narrowing = found.map(p -> PolicyNarrowing.narrow(p, source, destination, true))
                                .orElse(new Narrowing.NotNarrowable(Narrowing.Reason.PAIR_NOT_ALLOWED));
                        if (!(narrowing instanceof Narrowing.Narrowed narrowed)) {
                            return CompletableFuture.completedFuture(new DenyPlan(
                                    source,
                                    destination,
                                    Optional.empty(),
                                    messages.get("meshpolicy.deny.too.wide", pair, denyImpact.sentence())));
                        }
                        PolicyChange keeping = changes.deny(narrowed, source, destination);
                        return impact.of(meshName, keeping.edits())
                                .thenApply(keepingImpact -> deniesExactly(keepingImpact, source, destination)
                                        ? new DenyPlan(
                                                source,
                                                destination,
                                                Optional.of(new RemovalPlan.Option(keeping, keepingImpact)),
                                                messages.get("meshpolicy.deny.keeping", pair, phrases.policy(policy)))
                                        : new DenyPlan(
                                                source,
                                                destination,
                                                Optional.empty(),
                                                messages.get("meshpolicy.deny.too.wide", pair, denyImpact.sentence())));
                    });
        });
    }

    private static boolean deniesExactly(PermissionImpact impact, String source, String destination) {
        return impact.newlyAllowed().isEmpty()
                && impact.newlyDenied().size() == 1
                && impact.newlyDenied().get(0).source().equals(source)
                && impact.newlyDenied().get(0).destination().equals(destination);
    }

    /** The edits of a narrowing in words: "rewrite TrafficPermission a, add MeshTrafficPermission b". */
    private String describe(Narrowing.Narrowed narrowed, PolicyRef policy) {
        List<String> parts = new ArrayList<>();
        for (MeshEdit edit : narrowed.edits()) {
            String key;
            if (edit.kind() == MeshEdit.Kind.DELETE) {
                key = "meshpolicy.edit.delete";
            } else if (edit.name().equals(policy.name()) && edit.type().name().equals(policy.type())) {
                key = "meshpolicy.edit.rewrite";
            } else {
                key = "meshpolicy.edit.add";
            }
            parts.add(messages.get(key, phrases.policy(edit.type().name(), edit.name())));
        }
        return String.join(messages.get("meshpolicy.list.separator"), parts);
    }

    /** After deleting, the pair may still be allowed by a broader policy: say which. */
    private Optional<String> stillAllowedAfter(
            PermissionImpact deleted, String source, String destination, String pair) {
        return deleted.after()
                .pair(source, destination)
                .filter(ServiceAccess::allowed)
                .flatMap(ServiceAccess::policy)
                .map(other -> messages.get("meshpolicy.remove.still.allowed", pair, phrases.policy(other)));
    }

    private CompletableFuture<RemovalPlan> nothing(String source, String destination, String sentence) {
        return CompletableFuture.completedFuture(new RemovalPlan(
                source, destination, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), sentence));
    }

    private static CompletableFuture<RemovalPlan> completed(
            String source,
            String destination,
            PolicyRef policy,
            List<ServiceAccess> others,
            RemovalPlan.Option delete,
            Optional<RemovalPlan.Option> narrow,
            List<String> sentence) {
        return CompletableFuture.completedFuture(plan(source, destination, policy, others, delete, narrow, sentence));
    }

    private static RemovalPlan plan(
            String source,
            String destination,
            PolicyRef policy,
            List<ServiceAccess> others,
            RemovalPlan.Option delete,
            Optional<RemovalPlan.Option> narrow,
            List<String> sentence) {
        return new RemovalPlan(
                source,
                destination,
                Optional.of(policy),
                others,
                Optional.of(delete),
                narrow,
                String.join(" ", sentence));
    }
}
