package dev.gatehouse.app.meshpolicy;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The impact of edits before they are applied: the permission matrix now against the one the console's engine
 * computes with the edits (nothing is written). Used before turning mTLS on, deleting an allow-all policy, or
 * removing a policy that decides many pairs.
 */
public final class ImpactPreview {

    private final MeshRepository mesh;
    private final Messages messages;
    private final Phrases phrases;

    public ImpactPreview(MeshRepository mesh, Messages messages) {
        this.mesh = mesh;
        this.messages = messages;
        this.phrases = new Phrases(messages);
    }

    /** The impact of applying {@code edits} to {@code meshName}. */
    public CompletableFuture<PermissionImpact> of(String meshName, List<MeshEdit> edits) {
        CompletableFuture<PermissionMatrix> before = mesh.permissionMatrix(meshName);
        CompletableFuture<PermissionMatrix> after = mesh.previewMatrix(meshName, edits);
        return before.thenCombine(after, this::between);
    }

    /** The pairs allowed in {@code before} and denied in {@code after}, and the other way round. */
    public PermissionImpact between(PermissionMatrix before, PermissionMatrix after) {
        List<ServiceAccess> denied = new ArrayList<>();
        List<ServiceAccess> allowed = new ArrayList<>();
        // One index, not PermissionMatrix.pair per pair: a mesh of 500 services has 250,000 pairs.
        Map<String, Boolean> allowedBefore = new HashMap<>();
        before.pairs().forEach(p -> allowedBefore.put(p.source() + '\n' + p.destination(), p.allowed()));
        for (ServiceAccess now : after.pairs()) {
            Boolean then = allowedBefore.get(now.source() + '\n' + now.destination());
            if (then == null) {
                continue;
            }
            if (then && !now.allowed()) {
                denied.add(now);
            } else if (!then && now.allowed()) {
                allowed.add(now);
            }
        }
        List<String> parts = new ArrayList<>();
        if (!denied.isEmpty()) {
            parts.add(messages.get("meshpolicy.impact.denied", denied.size(), phrases.pairs(denied)));
        }
        if (!allowed.isEmpty()) {
            parts.add(messages.get("meshpolicy.impact.allowed", allowed.size(), phrases.pairs(allowed)));
        }
        if (parts.isEmpty()) {
            parts.add(messages.get("meshpolicy.impact.none"));
        }
        return new PermissionImpact(denied, allowed, String.join(" ", parts), before, after);
    }
}
