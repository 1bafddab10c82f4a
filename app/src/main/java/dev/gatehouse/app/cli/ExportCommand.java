package dev.gatehouse.app.cli;

import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.declarative.deck.DeckExporter;
import dev.gatehouse.app.declarative.deck.ExportOptions;
import dev.gatehouse.app.declarative.kuma.KumaExportOptions;
import dev.gatehouse.app.declarative.kuma.KumaExporter;
import dev.gatehouse.app.files.OwnerOnlyFileWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gatehouse export}: the gateway as a decK file, like {@code deck gateway dump}. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = Commands.ERROR,
        description = "Export the gateway's configuration as a decK file (services, routes, consumers with their"
                + " key-auth keys and ACL groups, plugins), or with --format kuma the mesh's as Kuma Universal YAML"
                + " (meshes, then their policies, as kumactl export writes them). Secrets are redacted unless"
                + " --include-secrets is given.")
public final class ExportCommand implements Callable<Integer> {

    /** The formats this build writes. */
    enum Format {
        deck,
        kuma
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return Commands.run(spec.commandLine().getErr(), format == Format.kuma ? "control plane" : "gateway", () -> {
            String yaml;
            if (format == Format.kuma) {
                try (ConnectedApis apis = gateway.connectMesh()) {
                    yaml = KumaExporter.export(
                            apis.mesh().orElseThrow(), new KumaExportOptions(includeSecrets, includeDataplanes));
                }
            } else {
                if (includeDataplanes) {
                    throw new CliException("--include-dataplanes goes with --format kuma.");
                }
                try (ConnectedApis apis = gateway.connect()) {
                    yaml = DeckExporter.export(
                            apis.gateway().orElseThrow(), new ExportOptions(includeSecrets, List.of()));
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
