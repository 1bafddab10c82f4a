package dev.gatehouse.app.meshpolicy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import java.util.List;
import java.util.Optional;

/** The changes the graph and the Policies page make, each with the sentence the history list shows for it. */
public final class PolicyChanges {

    private final Messages messages;
    private final Phrases phrases;

    public PolicyChanges(Messages messages) {
        this.messages = messages;
        this.phrases = new Phrases(messages);
    }

    /** The permission policy type named {@code typeName}, for the two types the console writes. */
    public static Optional<MeshResourceType> permissionType(String typeName) {
        return List.of(MeshResourceType.TRAFFIC_PERMISSION, MeshResourceType.MESH_TRAFFIC_PERMISSION).stream()
                .filter(t -> t.name().equals(typeName))
                .findFirst();
    }

    /** Allows {@code source} → {@code destination} (an MTP where the control plane knows it, else a TrafficPermission). */
    public PolicyChange allow(String mesh, String source, String destination, boolean meshTrafficPermission) {
        ObjectNode policy = PermissionTemplates.allow(mesh, source, destination, meshTrafficPermission);
        MeshResourceType type = PermissionTemplates.allowType(meshTrafficPermission);
        return new PolicyChange(
                messages.get("meshpolicy.change.allow", phrases.pair(source, destination), policyOf(type, policy)),
                List.of(MeshEdit.put(type, policy)));
    }

    /** Denies {@code source} → {@code destination} with a MeshTrafficPermission {@code Deny}. */
    public PolicyChange deny(String mesh, String source, String destination) {
        ObjectNode policy = PermissionTemplates.deny(mesh, source, destination);
        MeshResourceType type = MeshResourceType.MESH_TRAFFIC_PERMISSION;
        return new PolicyChange(
                messages.get("meshpolicy.change.deny", phrases.pair(source, destination), policyOf(type, policy)),
                List.of(MeshEdit.put(type, policy)));
    }

    /** Denies {@code source} → {@code destination} with the MTP a narrowing wrote (it keeps the other sources). */
    public PolicyChange deny(Narrowing.Narrowed narrowed, String source, String destination) {
        MeshEdit first = narrowed.edits().get(0);
        return new PolicyChange(
                messages.get(
                        "meshpolicy.change.deny",
                        phrases.pair(source, destination),
                        phrases.policy(first.type().name(), first.name())),
                narrowed.edits());
    }

    /** Allows {@code source} to reach every service of the mesh. */
    public PolicyChange allowEverythingFrom(String mesh, String source, boolean meshTrafficPermission) {
        ObjectNode policy = PermissionTemplates.allowEverythingFrom(mesh, source, meshTrafficPermission);
        MeshResourceType type = PermissionTemplates.allowType(meshTrafficPermission);
        return new PolicyChange(
                messages.get("meshpolicy.change.allow.all", source, policyOf(type, policy)),
                List.of(MeshEdit.put(type, policy)));
    }

    /** Creates or replaces {@code resource} as written in a form or the YAML editor. */
    public PolicyChange save(MeshResourceType type, ObjectNode resource) {
        MeshEdit edit = MeshEdit.put(type, resource);
        return new PolicyChange(
                messages.get("meshpolicy.change.save", phrases.policy(type.name(), edit.name())), List.of(edit));
    }

    public PolicyChange delete(MeshResourceType type, String mesh, String name) {
        return new PolicyChange(
                messages.get("meshpolicy.change.delete", phrases.policy(type.name(), name)),
                List.of(MeshEdit.delete(type, mesh, name)));
    }

    /** The edits of a narrowing of {@code policy} that takes out {@code source} → {@code destination}. */
    public PolicyChange narrow(Narrowing.Narrowed narrowed, PolicyRef policy, String source, String destination) {
        return new PolicyChange(
                messages.get("meshpolicy.change.narrow", phrases.pair(source, destination), phrases.policy(policy)),
                narrowed.edits());
    }

    /** Puts a Mesh resource; the sentence says whether it turns mTLS on (with its backend) or off. */
    public PolicyChange mesh(ObjectNode meshResource) {
        String name = meshResource.path("name").asText();
        String backend = meshResource.path("mtls").path("enabledBackend").asText("");
        String description = backend.isEmpty()
                ? messages.get("meshpolicy.change.mtls.off", name)
                : messages.get("meshpolicy.change.mtls.on", name, backend);
        return new PolicyChange(description, List.of(MeshEdit.put(MeshResourceType.MESH, meshResource)));
    }

    private String policyOf(MeshResourceType type, ObjectNode policy) {
        return phrases.policy(type.name(), policy.path("name").asText());
    }
}
