package dev.gatehouse.mesh.ca;

import dev.gatehouse.mesh.resource.mesh.MeshSpec;
import dev.gatehouse.mesh.store.MeshStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The builtin CA of every mesh backend, kept as the secrets Kuma uses ({@code <mesh>.ca-builtin-cert-<backend>} and
 * {@code <mesh>.ca-builtin-key-<backend>}) in the owner-only store.
 */
public final class CaRegistry {
    private final MeshStore store;
    private final Map<String, CaMaterial> cache = new ConcurrentHashMap<>();

    public CaRegistry(MeshStore store) {
        this.store = store;
    }

    public static String certSecretName(String mesh, String backend) {
        return mesh + ".ca-builtin-cert-" + backend;
    }

    public static String keySecretName(String mesh, String backend) {
        return mesh + ".ca-builtin-key-" + backend;
    }

    /** Creates the CA of every builtin backend that has none yet (Kuma's {@code EnsureCAs}), inside {@code tx}. */
    public void ensure(MeshStore.Transaction tx, String mesh, MeshSpec spec, Instant now) {
        if (spec.mtls() == null) {
            return;
        }
        for (MeshSpec.Backend b : spec.mtls().backendsOrEmpty()) {
            if (!"builtin".equals(b.type())
                    || store.secret(mesh, certSecretName(mesh, b.name())).isPresent()) {
                continue;
            }
            CaMaterial ca = CertificateFactoryBc.newCa(mesh, b.caRsaBits(), b.caLifetime(), now);
            tx.putSecret(
                    mesh,
                    certSecretName(mesh, b.name()),
                    Pem.encode(ca.certificate()).getBytes(StandardCharsets.UTF_8));
            tx.putSecret(
                    mesh,
                    keySecretName(mesh, b.name()),
                    Pem.encode(ca.privateKey()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The CA of a backend, if it was created. */
    public Optional<CaMaterial> ca(String mesh, String backend) {
        String key = mesh + "\u0000" + backend;
        CaMaterial cached = cache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> cert = store.secret(mesh, certSecretName(mesh, backend));
        Optional<byte[]> privateKey = store.secret(mesh, keySecretName(mesh, backend));
        if (cert.isEmpty() || privateKey.isEmpty()) {
            return Optional.empty();
        }
        CaMaterial ca = new CaMaterial(
                Pem.certificate(new String(cert.get(), StandardCharsets.UTF_8)),
                Pem.privateKey(new String(privateKey.get(), StandardCharsets.UTF_8)));
        cache.put(key, ca);
        return Optional.of(ca);
    }

    /** Drops cached CAs of a deleted mesh. */
    public void forget(String mesh) {
        cache.keySet().removeIf(k -> k.startsWith(mesh + "\u0000"));
    }
}
