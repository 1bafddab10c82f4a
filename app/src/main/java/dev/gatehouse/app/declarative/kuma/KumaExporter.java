package dev.gatehouse.app.declarative.kuma;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import java.util.List;

/**
 * The mesh as Kuma Universal YAML, the resources {@code kumactl export} writes: meshes first, then every policy of
 * every mesh ({@link MeshState}). Each Mesh carries {@code skipCreatingInitialPolicies: ['*']} as kumactl's export
 * sets it; store-managed fields are left out; secrets read {@code <redacted>} unless asked for.
 */
public final class KumaExporter {

    private KumaExporter() {}

    /** The documents of the export, in order. Blocks, so call it off the FX thread. */
    public static List<ObjectNode> resources(MeshRepository mesh, KumaExportOptions options) {
        return MeshState.load(mesh, MeshState.types(mesh, options.includeDataplanes())).stream()
                .map(KumaYaml::normalized)
                .map(r -> options.includeSecrets() ? r : KumaYaml.redacted(r))
                .toList();
    }

    public static String export(MeshRepository mesh, KumaExportOptions options) {
        return KumaYaml.write(resources(mesh, options));
    }
}
