package dev.gatehouse.app.meshpolicy;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.PermissionDecision;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.concurrent.CompletableFuture;

/**
 * What-if in words: for a source and a destination, allowed or denied, the deciding policy and why ("allowed by
 * MeshTrafficPermission allow-gateway-to-all (from MeshSubset kuma.io/service=gateway: Allow)", "denied: no policy
 * allows redis → gateway while mTLS is on"). From the permission matrix when both are services of the mesh (the
 * graph has it already when an edge is hovered), else from the control plane's what-if.
 */
public final class WhatIf {

    private final MeshRepository mesh;
    private final Messages messages;
    private final Phrases phrases;

    public WhatIf(MeshRepository mesh, Messages messages) {
        this.mesh = mesh;
        this.messages = messages;
        this.phrases = new Phrases(messages);
    }

    /** Asks the control plane (its matrix, else its what-if) about {@code source} → {@code destination}. */
    public CompletableFuture<WhatIfAnswer> ask(String meshName, String source, String destination) {
        return mesh.permissionMatrix(meshName)
                .thenCompose(matrix -> matrix.pair(source, destination)
                        .map(access -> CompletableFuture.completedFuture(answer(matrix, access)))
                        .orElseGet(
                                () -> mesh.decide(meshName, source, destination).thenApply(this::answer)));
    }

    /** The answer for one pair of a matrix. */
    public WhatIfAnswer answer(PermissionMatrix matrix, ServiceAccess access) {
        String rule = access.rule() == null ? "" : access.rule();
        String sentence = switch (access.access()) {
            case NOT_ENFORCED -> messages.get("meshpolicy.whatif.not.enforced", matrix.mesh());
            case ALLOWED ->
                access.policy()
                        .map(p -> withRule("meshpolicy.whatif.allowed", phrases.policy(p), rule))
                        .orElseGet(() -> withRule("meshpolicy.whatif.allowed.unnamed", "", rule));
            case ALLOWED_BY_ALLOW_ALL ->
                access.policy()
                        .map(p -> withRule("meshpolicy.whatif.allowed.all", phrases.policy(p), rule))
                        .orElseGet(() -> withRule("meshpolicy.whatif.allowed.unnamed", "", rule));
            case DENIED ->
                access.policy()
                        .map(p -> withRule("meshpolicy.whatif.denied", phrases.policy(p), rule))
                        .orElseGet(() -> messages.get(
                                "meshpolicy.whatif.denied.none", phrases.pair(access.source(), access.destination())));
        };
        return new WhatIfAnswer(access.source(), access.destination(), access.allowed(), access.policy(), sentence);
    }

    /** The answer from the control plane's what-if, for names the matrix does not hold. */
    public WhatIfAnswer answer(PermissionDecision decision) {
        String reason = decision.reason() == null ? "" : decision.reason();
        String sentence;
        if (decision.allowed()) {
            sentence = decision.policy()
                    .map(p -> withRule("meshpolicy.whatif.allowed", phrases.policy(p), reason))
                    .orElseGet(() -> withRule("meshpolicy.whatif.allowed.unnamed", "", reason));
        } else {
            sentence = decision.policy()
                    .map(p -> withRule("meshpolicy.whatif.denied", phrases.policy(p), reason))
                    .orElseGet(() -> messages.get(
                            "meshpolicy.whatif.denied.none", phrases.pair(decision.source(), decision.destination())));
        }
        return new WhatIfAnswer(
                decision.source(), decision.destination(), decision.allowed(), decision.policy(), sentence);
    }

    /** The sentence of {@code key} for {@code policy}, followed by the rule in parentheses when there is one. */
    private String withRule(String key, String policy, String rule) {
        String sentence = messages.get(key, policy);
        return rule.isBlank() ? sentence : messages.get("meshpolicy.whatif.with.rule", sentence, rule);
    }
}
