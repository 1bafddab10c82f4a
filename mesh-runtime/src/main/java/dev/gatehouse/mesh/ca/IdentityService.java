package dev.gatehouse.mesh.ca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.dataplane.DataplaneSpec;
import dev.gatehouse.mesh.resource.mesh.MeshSpec;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import dev.gatehouse.mesh.store.MeshStore;
import dev.gatehouse.mesh.store.StoreSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Issues and rotates data-plane identity certificates with Kuma's rules ({@code pkg/xds/secrets/secrets.go}
 * {@code shouldGenerateCerts} @v2.14.3): a certificate is (re)generated when none exists, when more than 4/5 of its
 * lifetime has passed, when the mesh's {@code mtls} settings changed, or when the proxy's tags changed. A certificate
 * and its key are held only while their data plane is there: when it leaves (its watch session ends, as Kuma's
 * watchdog calls {@code Secrets.Cleanup}) they are dropped, and a returning data plane gets a new one; the insight's
 * certificate facts stay until the Dataplane is deleted.
 */
public final class IdentityService {
    private final MeshStore store;
    private final CaRegistry cas;
    private final Clock clock;
    private final Map<ResourceKey, State> states = new HashMap<>();

    /** What a certificate was issued for; a change of either part triggers regeneration. */
    private record Basis(String mtls, Map<String, List<String>> tags) {}

    private static final class State {
        /** The data plane asked for its identity and has not left since: its certificate is kept current. */
        boolean held;

        Basis basis;
        WorkloadCertificate cert;
        String backend;
        /** Expiry of the last certificate issued (insight); null while mTLS is off. */
        Instant notAfter;

        long regenerations;
        Instant lastRegeneration;
        String lastReason;
    }

    /** Certificate facts for {@code DataplaneInsight.mTLS}. */
    public record CertInfo(
            Instant certificateExpirationTime,
            Instant lastCertificateRegeneration,
            long certificateRegenerations,
            String issuedBackend,
            List<String> supportedBackends) {}

    /** An identity handed to its data plane, with why it was last regenerated. */
    public record Issued(WorkloadCertificate certificate, String backend, long generation, String reason) {}

    public IdentityService(MeshStore store, CaRegistry cas, Clock clock) {
        this.store = store;
        this.cas = cas;
        this.clock = clock;
    }

    /** The current identity of a dataplane, regenerating when needed; empty when its mesh has mTLS off. */
    public synchronized Optional<Issued> identity(ResourceKey dp) {
        return refresh(store.snapshot(), dp, true);
    }

    /** The identity held for a dataplane right now, without issuing one (empty when none, or after it left). */
    public synchronized Optional<Issued> held(ResourceKey dp) {
        State s = states.get(dp);
        return s == null || s.cert == null
                ? Optional.empty()
                : Optional.of(new Issued(s.cert, s.backend, s.regenerations, s.lastReason));
    }

    /**
     * Re-checks every dataplane whose identity is held; returns those whose certificate changed (or was withdrawn
     * because mTLS went off), so their data planes can be told. Deleted dataplanes are forgotten.
     */
    public synchronized List<ResourceKey> reconcile() {
        StoreSnapshot snap = store.snapshot();
        List<ResourceKey> changed = new ArrayList<>();
        for (ResourceKey key : List.copyOf(states.keySet())) {
            State s = states.get(key);
            if (snap.get(key).isEmpty()) {
                states.remove(key);
                continue;
            }
            if (!s.held) {
                continue;
            }
            WorkloadCertificate before = s.cert;
            refresh(snap, key, false);
            if (before != s.cert) {
                changed.add(key);
            }
        }
        return changed;
    }

    /** The certificate facts of a dataplane's insight; they outlive the certificate when the data plane leaves. */
    public synchronized Optional<CertInfo> info(ResourceKey dp) {
        State s = states.get(dp);
        if (s == null || s.notAfter == null) {
            return Optional.empty();
        }
        StoreSnapshot snap = store.snapshot();
        List<String> supported = snap.get(MeshType.key(dp.mesh()))
                .map(MeshSpec::of)
                .map(MeshSpec::mtls)
                .map(m ->
                        m.backendsOrEmpty().stream().map(MeshSpec.Backend::name).toList())
                .orElse(List.of());
        return Optional.of(new CertInfo(s.notAfter, s.lastRegeneration, s.regenerations, s.backend, supported));
    }

    private Optional<Issued> refresh(StoreSnapshot snap, ResourceKey dpKey, boolean create) {
        Optional<Resource> dpRes = snap.get(dpKey);
        Optional<Resource> meshRes = snap.get(MeshType.key(dpKey.mesh()));
        State s = states.get(dpKey);
        if (dpRes.isEmpty() || meshRes.isEmpty()) {
            states.remove(dpKey);
            return Optional.empty();
        }
        MeshSpec mesh = MeshSpec.of(meshRes.get());
        Optional<MeshSpec.Backend> backend = mesh.enabledBackend();
        if (backend.isEmpty()) {
            if (s != null) {
                s.cert = null;
                s.basis = null;
                s.notAfter = null;
            }
            return Optional.empty();
        }
        if (s == null || !s.held) {
            if (!create) {
                return Optional.empty();
            }
            if (s == null) {
                s = new State();
                states.put(dpKey, s);
            }
            s.held = true;
        }
        DataplaneSpec dp = DataplaneSpec.of(dpRes.get());
        JsonNode mtlsNode = meshRes.get().spec().path("mtls");
        Basis basis = new Basis(mtlsNode.toString(), new TreeMap<>(dp.tagSet()));
        Instant now = clock.instant();
        String reason = null;
        if (s.cert == null) {
            reason = "mTLS is enabled and DP hasn't received a certificate yet";
        } else if (!basis.mtls().equals(s.basis.mtls())) {
            reason = "Mesh mTLS settings have changed";
        } else if (!basis.tags().equals(s.basis.tags())) {
            reason = "DP tags have changed";
        } else if (s.cert.expiringSoon(now)) {
            reason = "certificate is expiring soon";
        }
        if (reason != null) {
            Optional<CaMaterial> ca = cas.ca(dpKey.mesh(), backend.get().name());
            if (ca.isEmpty()) {
                return Optional.empty();
            }
            s.cert = CertificateFactoryBc.newWorkload(
                    ca.get(), dpKey.mesh(), basis.tags(), backend.get().dpCertLifetime(), now);
            s.notAfter = s.cert.notAfter();
            s.basis = basis;
            s.backend = backend.get().name();
            // Kuma's DataplaneInsight.UpdateCert counts every generation, the first one included.
            s.regenerations++;
            s.lastRegeneration = now;
            s.lastReason = reason;
        }
        return Optional.of(new Issued(s.cert, s.backend, s.regenerations, s.lastReason));
    }

    /** A data plane left (its session ended): drops its certificate and key; its next request gets a new one. */
    public synchronized void release(ResourceKey dp) {
        State s = states.get(dp);
        if (s != null) {
            s.held = false;
            s.cert = null;
            s.basis = null;
        }
    }
}
