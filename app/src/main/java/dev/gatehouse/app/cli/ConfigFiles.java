package dev.gatehouse.app.cli;

import dev.gatehouse.app.declarative.sync.FileTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a configuration file and tells from its content which runtime it is for. */
final class ConfigFiles {

    private ConfigFiles() {}

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("The file " + file + " does not exist.");
        } catch (IOException e) {
            throw new CliException("The file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** The target of {@code text}, read from its first YAML document; a file Gatehouse cannot apply is refused. */
    static FileTarget detect(Path file, String text) {
        FileTarget target;
        try {
            target = FileTarget.of(text);
        } catch (IllegalArgumentException e) {
            throw new CliException("The file " + file + " " + e.getMessage());
        }
        return switch (target) {
            case GATEWAY, MESH -> target;
            case KUBERNETES ->
                throw new CliException("The file " + file + " holds Kubernetes manifests (apiVersion and kind); apply"
                        + " them with kubectl apply -f, this command reads decK files and Kuma YAML.");
            case UNKNOWN ->
                throw new CliException("The file " + file + " is neither a decK file (it has no _format_version) nor"
                        + " Kuma YAML (it has no type:).");
        };
    }

    /** A gateway file, or a sentence saying why this one cannot be used with a gateway. */
    static String gatewayFile(Path file) {
        String text = read(file);
        if (detect(file, text) == FileTarget.MESH) {
            throw new CliException("The file " + file + " is Kuma YAML (it has type:), a mesh configuration:"
                    + " diff or apply it with --mesh-url, not --gateway-url.");
        }
        return text;
    }

    /** A mesh (Kuma YAML) file, or a sentence saying why this one cannot be used with a control plane. */
    static String meshFile(Path file) {
        String text = read(file);
        if (detect(file, text) == FileTarget.GATEWAY) {
            throw new CliException("The file " + file + " is a decK file (it has _format_version), a gateway"
                    + " configuration: diff or apply it with --gateway-url, not --mesh-url.");
        }
        return text;
    }
}
