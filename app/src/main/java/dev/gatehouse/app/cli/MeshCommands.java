package dev.gatehouse.app.cli;

import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.declarative.kuma.KumaPlanApplier;
import dev.gatehouse.app.declarative.kuma.KumaPlanner;
import dev.gatehouse.app.declarative.kuma.KumaYaml;
import dev.gatehouse.app.declarative.plan.Change;
import dev.gatehouse.app.declarative.plan.Plan;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The mesh side of diff and apply: a Kuma YAML file against the control plane at {@code --mesh-url}. */
final class MeshCommands {

    private MeshCommands() {}

    /** Whether the command targets the mesh (both URLs, or select tags with a mesh, are refused later, as errors). */
    static boolean forMesh(GatewayOptions options) {
        return options.meshUrl != null;
    }

    private static void check(GatewayOptions options, List<String> selectTags) {
        if (options.gatewayUrl != null) {
            throw new CliException(
                    "Give either --gateway-url (a decK file) or --mesh-url (a Kuma YAML file), not" + " both.");
        }
        if (!selectTags.isEmpty()) {
            throw new CliException("--select-tag selects gateway entities; Kuma resources carry no tags.");
        }
    }

    static Plan plan(GatewayOptions options, Path file, List<String> selectTags) {
        check(options, selectTags);
        String text = ConfigFiles.meshFile(file);
        try (ConnectedApis apis = options.connectMesh()) {
            return new KumaPlanner(apis.mesh().orElseThrow()).plan(KumaYaml.read(text));
        }
    }

    /** Validates, prints the plan and applies it; throws saying what was applied when the control plane refuses. */
    static void apply(GatewayOptions options, Path file, List<String> selectTags, PrintWriter out, PrintWriter err) {
        check(options, selectTags);
        String text = ConfigFiles.meshFile(file);
        try (ConnectedApis apis = options.connectMesh()) {
            MeshRepository mesh = apis.mesh().orElseThrow();
            Plan plan = new KumaPlanner(mesh).plan(KumaYaml.read(text));
            KumaPlanApplier applier = new KumaPlanApplier(mesh);
            if (!applier.validate(plan)) {
                err.println("gatehouse: warning: the control plane at " + mesh.address() + " offers no validation"
                        + " without writing (Kuma has no dry run); each resource is checked when it is put.");
                err.flush();
            }
            out.print(plan.render());
            out.flush();
            List<Change> applied = applier.execute(plan, change -> {});
            out.println("Applied " + applied.size() + (applied.size() == 1 ? " change." : " changes."));
            out.flush();
        }
    }
}
