package dev.gatehouse.app.meshpolicy.lockdown;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.meshpolicy.Phrases;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Computes a lock-down's {@link LockdownImpact} with {@link MeshRepository#previewMatrix}; nothing is written. */
public final class LockdownReplay {

    private final MeshRepository repository;
    private final Messages messages;
    private final Phrases phrases;

    public LockdownReplay(MeshRepository repository, Messages messages) {
        this.repository = repository;
        this.messages = messages;
        this.phrases = new Phrases(messages);
    }

    public CompletableFuture<LockdownImpact> impact(LockdownProposal proposal) {
        CompletableFuture<PermissionMatrix> before = repository.permissionMatrix(proposal.mesh());
        CompletableFuture<PermissionMatrix> between = repository.previewMatrix(proposal.mesh(), proposal.creations());
        CompletableFuture<PermissionMatrix> after = repository.previewMatrix(proposal.mesh(), proposal.edits());
        return CompletableFuture.allOf(before, between, after)
                .thenApply(done -> impact(proposal, before.join(), between.join(), after.join()));
    }

    LockdownImpact impact(
            LockdownProposal proposal, PermissionMatrix before, PermissionMatrix between, PermissionMatrix after) {
        Map<String, SkippedPair> skipped = proposal.skipped().stream()
                .collect(Collectors.toMap(s -> s.pair().key(), Function.identity(), (a, b) -> a));
        List<DeniedPair> deniedObserved = new ArrayList<>();
        List<DeniedPair> deniedBetween = new ArrayList<>();
        Set<String> observed = new HashSet<>();
        for (ObservedPair pair : proposal.observed()) {
            observed.add(pair.key());
            Optional<ServiceAccess> now = before.pair(pair.source(), pair.destination());
            boolean allowedNow = now.map(ServiceAccess::allowed).orElse(false);
            after.pair(pair.source(), pair.destination())
                    .filter(a -> !a.allowed())
                    .ifPresent(a -> {
                        SkippedPair skip = skipped.get(pair.key());
                        boolean unguarded = skip != null && skip.reason() == SkippedPair.Reason.ENTRY_TRAFFIC;
                        deniedObserved.add(
                                new DeniedPair(pair, a, explain(pair, a, now, skip), allowedNow && !unguarded));
                    });
            between.pair(pair.source(), pair.destination())
                    .filter(a -> allowedNow && !a.allowed())
                    .ifPresent(a -> deniedBetween.add(new DeniedPair(
                            pair,
                            a,
                            messages.get(
                                    "meshpolicy.lockdown.denied.between",
                                    phrases.pair(pair.source(), pair.destination()),
                                    a.policy()
                                            .map(phrases::policy)
                                            .orElseGet(() -> messages.get("meshpolicy.lockdown.no.policy"))),
                            true)));
        }
        List<ServiceAccess> willBeDenied = new ArrayList<>();
        for (ServiceAccess then : after.pairs()) {
            if (!then.allowed()
                    && !observed.contains(then.source() + '\n' + then.destination())
                    && before.pair(then.source(), then.destination())
                            .map(ServiceAccess::allowed)
                            .orElse(false)) {
                willBeDenied.add(then);
            }
        }
        return new LockdownImpact(
                deniedObserved,
                deniedBetween,
                willBeDenied,
                sentence(proposal, deniedObserved, deniedBetween, willBeDenied),
                before,
                after);
    }

    /** Why an observed pair would be denied after the lock-down. */
    private String explain(ObservedPair pair, ServiceAccess after, Optional<ServiceAccess> now, SkippedPair skipped) {
        String named = phrases.pair(pair.source(), pair.destination());
        if (skipped != null && skipped.reason() != SkippedPair.Reason.ALREADY_ALLOWED) {
            return skipped.sentence();
        }
        if (now.isPresent() && !now.get().allowed()) {
            return now.get()
                    .policy()
                    .map(p -> messages.get("meshpolicy.lockdown.denied.already", named, phrases.policy(p)))
                    .orElseGet(() -> messages.get("meshpolicy.lockdown.denied.already.none", named));
        }
        return after.policy()
                .map(p -> messages.get("meshpolicy.lockdown.denied.policy", named, phrases.policy(p), after.rule()))
                .orElseGet(() -> messages.get("meshpolicy.lockdown.denied.none", named));
    }

    private String sentence(
            LockdownProposal proposal,
            List<DeniedPair> deniedObserved,
            List<DeniedPair> deniedBetween,
            List<ServiceAccess> willBeDenied) {
        List<String> parts = new ArrayList<>();
        if (!proposal.mtlsEnabled()) {
            parts.add(messages.get("meshpolicy.lockdown.mtls.off", proposal.mesh()));
        }
        if (deniedObserved.isEmpty()) {
            parts.add(messages.get(
                    "meshpolicy.lockdown.impact.ok", proposal.observed().size()));
        } else {
            parts.add(messages.get(
                    "meshpolicy.lockdown.impact.denied",
                    deniedObserved.size(),
                    phrases.pairs(
                            deniedObserved.stream().map(DeniedPair::access).toList())));
        }
        if (!deniedBetween.isEmpty()) {
            parts.add(messages.get(
                    "meshpolicy.lockdown.impact.between",
                    deniedBetween.size(),
                    phrases.pairs(deniedBetween.stream().map(DeniedPair::access).toList())));
        }
        if (!willBeDenied.isEmpty()) {
            parts.add(messages.get(
                    "meshpolicy.lockdown.impact.will.deny", willBeDenied.size(), phrases.pairs(willBeDenied)));
        }
        return String.join(" ", parts);
    }
}
