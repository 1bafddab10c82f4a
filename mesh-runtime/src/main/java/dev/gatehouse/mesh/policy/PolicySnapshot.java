package dev.gatehouse.mesh.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.TargetRef;
import dev.gatehouse.mesh.resource.mesh.MeshSpec;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import dev.gatehouse.mesh.resource.meshtrafficpermission.MeshTrafficPermissionSpec;
import dev.gatehouse.mesh.resource.meshtrafficpermission.MeshTrafficPermissionType;
import dev.gatehouse.mesh.resource.trafficpermission.TrafficPermissionSpec;
import dev.gatehouse.mesh.resource.trafficpermission.TrafficPermissionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Everything the permission engine reads about one mesh: whether mTLS is on and its permission policies. Built from
 * resources (as stored, or as received over the REST API by a data plane).
 */
public record PolicySnapshot(
        String mesh,
        boolean mtlsEnabled,
        List<LegacyPermission> trafficPermissions,
        List<MeshPermission> meshTrafficPermissions) {
    /** The policy types the engine decides with; a new permission kind needs its own conversion in {@link #of}. */
    public static final List<ResourceTypeDescriptor> PERMISSION_TYPES =
            List.of(TrafficPermissionType.DESCRIPTOR, MeshTrafficPermissionType.DESCRIPTOR);

    public PolicySnapshot {
        trafficPermissions = List.copyOf(trafficPermissions);
        meshTrafficPermissions = List.copyOf(meshTrafficPermissions);
    }

    /** A legacy TrafficPermission. */
    public record LegacyPermission(
            String name,
            Instant creationTime,
            List<Map<String, String>> sources,
            List<Map<String, String>> destinations) {}

    /** A MeshTrafficPermission ({@code from[]} items and/or {@code rules[]} SPIFFE matchers). */
    public record MeshPermission(
            String name, String displayName, TargetRef targetRef, List<FromItem> from, List<SpiffeRule> rules) {}

    /** One {@code from[]} item: the client subset (tags) and the action. */
    public record FromItem(String kind, Map<String, String> subset, Verdict action) {}

    /** One {@code rules[].default.<list>} SPIFFE-ID matcher. */
    public record SpiffeRule(Verdict action, boolean exact, String value) {
        boolean matches(java.util.Set<String> spiffeIds) {
            return spiffeIds.stream().anyMatch(id -> exact ? id.equals(value) : id.startsWith(value));
        }
    }

    /**
     * Builds a snapshot from the body of {@code GET /meshes/{mesh}/_snapshot} — what a data plane holds after fetching
     * it (and refetching on watch events), so it can decide connections in-process.
     */
    public static PolicySnapshot fromRestSnapshot(JsonNode body) {
        Resource mesh = ResourceCodec.fromRest(MeshType.DESCRIPTOR, body.path("mesh"));
        List<Resource> policies = new ArrayList<>();
        for (ResourceTypeDescriptor t : PERMISSION_TYPES) {
            for (JsonNode item : body.path(t.wsPath())) {
                Resource r = ResourceCodec.fromRest(t, item);
                Instant created = item.hasNonNull("creationTime")
                        ? Instant.parse(item.get("creationTime").asText())
                        : Instant.EPOCH;
                policies.add(r.withTimes(created, created, 0));
            }
        }
        return of(mesh, policies);
    }

    /** Builds a snapshot from a Mesh resource and the permission resources of that mesh (others are skipped). */
    public static PolicySnapshot of(Resource mesh, Collection<Resource> policies) {
        boolean mtls = MeshSpec.of(mesh).mtlsEnabled();
        List<LegacyPermission> legacy = new ArrayList<>();
        List<MeshPermission> modern = new ArrayList<>();
        for (Resource r : policies) {
            if (r.type() == TrafficPermissionType.DESCRIPTOR) {
                TrafficPermissionSpec s = TrafficPermissionSpec.of(r);
                legacy.add(new LegacyPermission(
                        r.name(),
                        r.creationTime() == null ? Instant.EPOCH : r.creationTime(),
                        s.sources().stream()
                                .map(TrafficPermissionSpec.Selector::matchOrEmpty)
                                .toList(),
                        s.destinations().stream()
                                .map(TrafficPermissionSpec.Selector::matchOrEmpty)
                                .toList()));
            } else if (r.type() == MeshTrafficPermissionType.DESCRIPTOR) {
                modern.add(meshPermission(r));
            }
        }
        return new PolicySnapshot(mesh.name(), mtls, legacy, modern);
    }

    private static MeshPermission meshPermission(Resource r) {
        MeshTrafficPermissionSpec s = MeshTrafficPermissionSpec.of(r);
        List<FromItem> from = new ArrayList<>();
        for (MeshTrafficPermissionSpec.From f : s.fromOrEmpty()) {
            TargetRef ref = f.targetRef() == null ? TargetRef.wholeMesh() : f.targetRef();
            from.add(new FromItem(
                    ref.kind(), subsetOf(ref), Verdict.ofAction(f.conf().action())));
        }
        List<SpiffeRule> rules = new ArrayList<>();
        if (s.rules() != null) {
            for (JsonNode rule : s.rules()) {
                addRules(rules, rule.path("default").path("deny"), Verdict.DENY);
                addRules(rules, rule.path("default").path("allow"), Verdict.ALLOW);
                addRules(rules, rule.path("default").path("allowWithShadowDeny"), Verdict.ALLOW_WITH_SHADOW_DENY);
            }
        }
        TargetRef top = s.targetRef() == null ? TargetRef.wholeMesh() : s.targetRef();
        String display = r.labels().getOrDefault("kuma.io/display-name", r.name());
        return new MeshPermission(r.name(), display, top, from, rules);
    }

    private static void addRules(List<SpiffeRule> out, JsonNode list, Verdict action) {
        for (JsonNode m : list) {
            JsonNode id = m.path("spiffeID");
            if (!id.isMissingNode()) {
                out.add(new SpiffeRule(
                        action,
                        !"Prefix".equals(id.path("type").asText()),
                        id.path("value").asText()));
            }
        }
    }

    /** The client subset a {@code from[].targetRef} describes (Kuma {@code asSubset}). */
    static Map<String, String> subsetOf(TargetRef ref) {
        return switch (ref.kind() == null ? "Mesh" : ref.kind()) {
            case "MeshService" -> Map.of(ClientIdentity.SERVICE_TAG, ref.name());
            case "MeshServiceSubset" -> {
                Map<String, String> m = new java.util.TreeMap<>(ref.tagsOrEmpty());
                m.put(ClientIdentity.SERVICE_TAG, ref.name());
                yield Map.copyOf(m);
            }
            case "MeshSubset" -> Map.copyOf(ref.tagsOrEmpty());
            default -> Map.of();
        };
    }
}
