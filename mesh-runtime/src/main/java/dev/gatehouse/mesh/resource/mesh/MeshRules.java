package dev.gatehouse.mesh.resource.mesh;

import dev.gatehouse.mesh.resource.KumaDuration;
import dev.gatehouse.mesh.validation.FieldPath;
import dev.gatehouse.mesh.validation.Violations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Mesh checks: {@code MeshResource.Validate} (pkg/core/resources/apis/mesh/mesh_validator.go), the manager's
 * create/update/delete checks (pkg/core/managers/apis/mesh/mesh_validator.go) and the builtin CA's
 * {@code ValidateBackend} (pkg/plugins/ca/builtin/manager.go), all @v2.14.3.
 */
public final class MeshRules {
    /** Only the builtin CA is installed here; Kuma answers other types with "could not find installed plugin". */
    public static final List<String> SUPPORTED_CA_TYPES = List.of("builtin");

    private static final int MAX_BACKEND_NAME_LENGTH = 255;
    /** Key sizes of a builtin CA: Go's rsa.GenerateKey refuses less; more takes minutes to generate. */
    public static final int MIN_RSA_BITS = 1024;

    public static final int MAX_RSA_BITS = 4096;
    private static final Pattern LOWER_DNS =
            Pattern.compile("^([a-z0-9_][a-z0-9_-]{0,62})(\\.[a-z0-9_][a-z0-9_-]{0,62})*[._]?$");

    private MeshRules() {}

    public static Violations spec(MeshSpec mesh) {
        Violations v = new Violations();
        MeshSpec.Mtls mtls = mesh.mtls();
        if (mtls == null) {
            return v;
        }
        FieldPath root = FieldPath.of("mtls");
        List<MeshSpec.Backend> backends = mtls.backendsOrEmpty();
        if (backends.size() > 1) {
            v.add(root.field("backends"), "cannot have more than 1 backends");
        }
        Set<String> used = new HashSet<>();
        for (int i = 0; i < backends.size(); i++) {
            MeshSpec.Backend b = backends.get(i);
            if (used.contains(b.name())) {
                v.add(
                        root.field("backends").index(i).field("name"),
                        "\"" + b.name() + "\" name is already used for another backend");
            }
            used.add(b.name());
            if (b.dpCert() != null
                    && KumaDuration.parse(b.dpCertExpiration().orElse("")).isEmpty()) {
                v.add(root.field("dpcert.rotation.expiration"), "has to be a valid format");
            }
        }
        if (mtls.enabledBackend() != null
                && !mtls.enabledBackend().isEmpty()
                && !used.contains(mtls.enabledBackend())) {
            v.add(root.field("enabledBackend"), "has to be set to one of the backends in the mesh");
        }
        return v;
    }

    /** {@code ValidateMTLSBackends}: backend types and builtin backend names. */
    public static Violations backends(String meshName, MeshSpec mesh) {
        Violations v = new Violations();
        if (mesh.mtls() == null) {
            return v;
        }
        FieldPath path = FieldPath.of("mtls").field("backends");
        List<MeshSpec.Backend> backends = mesh.mtls().backendsOrEmpty();
        for (int i = 0; i < backends.size(); i++) {
            MeshSpec.Backend b = backends.get(i);
            if (!SUPPORTED_CA_TYPES.contains(b.type())) {
                v.add(path.index(i).field("type"), "could not find installed plugin for this type");
                return v;
            }
            // The conf must decode even with skipValidation: Gatehouse creates the CA from it right away.
            v.addAt(path.index(i).field("conf"), builtinConf(b.conf()));
            if (Boolean.TRUE.equals(mesh.mtls().skipValidation())) {
                continue;
            }
            String secretName = meshName + ".ca-builtin-cert-" + (b.name() == null ? "" : b.name());
            FieldPath namePath = FieldPath.of("mtls").field("backends").field("name");
            if (secretName.length() > MAX_BACKEND_NAME_LENGTH) {
                v.addAt(
                        path.index(i).field("conf"),
                        new Violations()
                                .add(namePath, "Backend name is too long. Max length: " + MAX_BACKEND_NAME_LENGTH));
            }
            if (!LOWER_DNS.matcher(secretName).matches()) {
                v.addAt(
                        path.index(i).field("conf"),
                        new Violations().add(namePath, "\"" + b.name() + "\" name must be valid dns name"));
            }
        }
        return v;
    }

    /**
     * ValidateBackend's conversion of {@code conf} ("could not convert backend config: ..."), then what Kuma only
     * trips over when it creates the CA (500 there): key sizes {@code rsa.GenerateKey} refuses (below 1024) or that
     * take minutes to generate (Gatehouse caps them at 4096), and lifetimes its ParseDuration refuses.
     */
    private static Violations builtinConf(com.fasterxml.jackson.databind.JsonNode conf) {
        Violations v = new Violations();
        BuiltinCaConf c;
        try {
            c = BuiltinCaConf.decode(conf);
        } catch (BuiltinCaConf.Undecodable e) {
            return v.add("", "could not convert backend config: " + e.getMessage());
        }
        if (c.rsaBits() != 0 && (c.rsaBits() < MIN_RSA_BITS || c.rsaBits() > MAX_RSA_BITS)) {
            v.add("caCert.RSAbits", "must be 0 (2048 bits) or between " + MIN_RSA_BITS + " and " + MAX_RSA_BITS);
        }
        if (!c.expiration().isEmpty() && KumaDuration.parse(c.expiration()).isEmpty()) {
            v.add("caCert.expiration", "has to be a valid format");
        }
        return v;
    }

    public static Violations create(String name, MeshSpec mesh) {
        Violations v = new Violations();
        if (name.length() > 63) {
            v.add("name", "cannot be longer than 63 characters");
        }
        v.addAll(backends(name, mesh));
        return v;
    }

    public static Violations update(String name, MeshSpec previous, MeshSpec next) {
        Violations v = new Violations();
        if (previous.mtlsEnabled()
                && next.mtlsEnabled()
                && !previous.mtls().enabledBackend().equals(next.mtls().enabledBackend())) {
            v.add(
                    "mtls.enabledBackend",
                    "Changing CA when mTLS is enabled is forbidden. Disable mTLS first and then change the CA");
        }
        v.addAll(backends(name, next));
        return v;
    }

    public static Violations delete(boolean hasDataplanes) {
        Violations v = new Violations();
        if (hasDataplanes) {
            v.add("mesh", "unable to delete mesh, there are still some dataplanes attached");
        }
        return v;
    }
}
