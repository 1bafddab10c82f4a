package dev.gatehouse.app.cli;

import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.declarative.deck.DeckExporter;
import dev.gatehouse.app.declarative.deck.ExportOptions;
import dev.gatehouse.app.declarative.kubernetes.KubernetesExporter;
import dev.gatehouse.app.declarative.kubernetes.KubernetesOptions;
import dev.gatehouse.app.declarative.kuma.KumaExportOptions;
import dev.gatehouse.app.declarative.kuma.KumaExporter;
import dev.gatehouse.app.files.OwnerOnlyFileWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse export}: the gateway as a decK file, like {@code deck gateway dump}, or the gateway and the mesh
 * as Kubernetes manifests for the Kong Ingress Controller and Kuma.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = Commands.ERROR,
        description = "Export the gateway's configuration as a decK file (services, routes, consumers with their"
                + " key-auth keys and ACL groups, plugins); with --format kuma the mesh's as Kuma Universal YAML"
                + " (meshes, then their policies, as kumactl export writes them); with --format kubernetes the"
                + " gateway and the mesh (--mesh-url) as manifests for the Kong Ingress Controller and Kuma."
                + " Secrets are redacted unless --include-secrets is given. A decK file leaves out the fields whose"
                + " value is the gateway schema's default, as deck gateway dump --skip-defaults does (diff and apply"
                + " fill them back), unless --with-defaults is given.")
public final class ExportCommand implements Callable<Integer> {

    /** The formats this build writes. */
    enum Format {
        deck,
        kuma,
        kubernetes
    }

    @Mixin
    private GatewayOptions gateway;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES}.")
    private Format format;

    @Option(
            names = "--include-secrets",
            description = "Keep key-auth keys (and Kuma secrets) instead of the <redacted> placeholder.")
    private boolean includeSecrets;

    // decK keeps defaults unless given --skip-defaults (cmd/gateway_dump.go newDumpCmd); here leaving them out is
    // the default, so the option is the other way round, and decK has none of this name.
    @Option(
            names = "--with-defaults",
            description = "deck: also write the fields whose value is the gateway schema's default (left out by"
                    + " default, as by deck gateway dump --skip-defaults).")
    private boolean withDefaults;

    @Option(
            names = "--select-tag",
            paramLabel = "TAG",
            description = "deck: only entities carrying this tag (repeatable; all of them), recorded in the file's"
                    + " _info.select_tags, as decK's --select-tag.")
    private List<String> selectTags = new ArrayList<>();

    @Option(
            names = "--gateway-api",
            description = "kubernetes: routes as Gateway API HTTPRoutes (attached to the Gateway kong) instead of"
                    + " Ingresses.")
    private boolean gatewayApi;

    @Option(
            names = "--namespace",
            paramLabel = "NS",
            defaultValue = KubernetesOptions.DEFAULT_NAMESPACE,
            description = "kubernetes: the namespace of the gateway's resources (default: ${DEFAULT-VALUE}).")
    private String namespace;

    @Option(
            names = "--mesh-namespace",
            paramLabel = "NS",
            defaultValue = KubernetesOptions.DEFAULT_MESH_NAMESPACE,
            description = "kubernetes: the control plane's namespace, where MeshTrafficPermissions go"
                    + " (default: ${DEFAULT-VALUE}).")
    private String meshNamespace;

    @Option(
            names = "--include-dataplanes",
            description = "With --format kuma: also the data planes (Dataplane), which are left out by default.")
    private boolean includeDataplanes;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Where to write (readable by you only); default stdout.")
    private Path output;

    @Spec
    private CommandSpec spec;

    /** Manifests for KIC and Kuma from the gateway, the mesh, or both. */
    private String kubernetes() {
        KubernetesOptions options;
        try {
            options = new KubernetesOptions(
                    includeSecrets, gatewayApi, namespace, meshNamespace, KubernetesOptions.DEFAULT_GATEWAY);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        try (ConnectedApis apis = gateway.connect(false)) {
            return KubernetesExporter.export(apis.gateway(), apis.mesh(), options);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return Commands.run(spec.commandLine().getErr(), format == Format.kuma ? "control plane" : "gateway", () -> {
            if (includeDataplanes && format != Format.kuma) {
                throw new CliException("--include-dataplanes goes with --format kuma.");
            }
            if (!selectTags.isEmpty() && format == Format.kuma) {
                throw new CliException("--select-tag selects gateway entities; Kuma resources carry no tags.");
            }
            if (!selectTags.isEmpty() && format != Format.deck) {
                throw new CliException("--select-tag goes with --format deck.");
            }
            if (withDefaults && format != Format.deck) {
                throw new CliException("--with-defaults goes with --format deck.");
            }
            String yaml;
            if (format == Format.kubernetes) {
                yaml = kubernetes();
            } else if (format == Format.kuma) {
                try (ConnectedApis apis = gateway.connectMesh()) {
                    yaml = KumaExporter.export(
                            apis.mesh().orElseThrow(), new KumaExportOptions(includeSecrets, includeDataplanes));
                }
            } else {
                try (ConnectedApis apis = gateway.connect()) {
                    yaml = DeckExporter.export(
                            apis.gateway().orElseThrow(), new ExportOptions(includeSecrets, selectTags, withDefaults));
                }
            }
            if (output == null) {
                out.print(yaml);
                out.flush();
            } else {
                // A file with secrets must not be readable by others; owner-only is right for every export.
                OwnerOnlyFileWriter.write(output, yaml.getBytes(StandardCharsets.UTF_8));
            }
            return 0;
        });
    }
}
