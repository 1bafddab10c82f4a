package dev.gatehouse.app.kubernetes.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An exec credential plugin (client.authentication.k8s.io ExecCredential, as kubectl runs it: client-go
 * plugin/pkg/client/auth/exec/exec.go): looked up on {@code PATH} and then where gcloud, aws, az, kubelogin and
 * Homebrew put their binaries, because a desktop app often starts with a shorter {@code PATH} than the user's shell;
 * then run with {@code KUBERNETES_EXEC_INFO} and the config's env, its stdout read as the credential. Each way it can
 * fail is its own exception with the sentence the wizard shows.
 */
public final class ExecPlugin {

    /** The command is on none of the directories searched. */
    public static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    /** The command ran and failed, or printed no usable credential. */
    public static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    /** What the plugin printed: a token, or a client certificate and key, and when it expires. */
    public record Credential(
            Optional<String> token,
            Optional<String> clientCertificateData,
            Optional<String> clientKeyData,
            Optional<Instant> expires) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR_LIMIT = 2_000;

    private final String pathVariable;
    private final List<Path> usual;
    private final Duration timeout;

    /** Searches {@code pathVariable}, then {@link #usualDirectories} of {@code home}. */
    public ExecPlugin(String pathVariable, Path home, Duration timeout) {
        this(pathVariable, usualDirectories(home), timeout);
    }

    /** Searches {@code pathVariable}, then {@code usual}. */
    public ExecPlugin(String pathVariable, List<Path> usual, Duration timeout) {
        this.pathVariable = pathVariable == null ? "" : pathVariable;
        this.usual = List.copyOf(usual);
        this.timeout = timeout;
    }

    /** Where Homebrew, pip, gcloud, the AWS and Azure CLIs, krew and go install put credential plugins. */
    public static List<Path> usualDirectories(Path home) {
        return java.util.stream.Stream.of(
                        "/usr/local/bin",
                        "/opt/homebrew/bin",
                        home + "/.local/bin",
                        home + "/google-cloud-sdk/bin",
                        "/usr/local/google-cloud-sdk/bin",
                        "/opt/homebrew/share/google-cloud-sdk/bin",
                        "/usr/lib/google-cloud-sdk/bin",
                        "/snap/bin",
                        "/usr/local/aws-cli/v2/current/bin",
                        "/opt/az/bin",
                        home + "/.krew/bin",
                        home + "/go/bin",
                        "/usr/bin",
                        "/bin")
                .map(Path::of)
                .toList();
    }

    /** The directories searched, in order: PATH, then where the usual plugins are installed. */
    public List<Path> searchPath() {
        LinkedHashSet<Path> dirs = new LinkedHashSet<>();
        for (String part : pathVariable.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                dirs.add(Path.of(part));
            }
        }
        dirs.addAll(usual);
        return List.copyOf(dirs);
    }

    /** The executable {@code command} names: itself when it is a path, else the first match on the search path. */
    public Path locate(String command) {
        if (command == null || command.isBlank()) {
            throw new NotFound("The kubeconfig's exec section names no command.");
        }
        if (command.contains("/")) {
            Path path = Path.of(command);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new NotFound("The credential plugin " + command + " does not exist or is not executable.");
        }
        List<Path> searched = searchPath();
        for (Path dir : searched) {
            Path candidate = dir.resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new NotFound("The credential plugin " + command + " was not found. Searched: "
                + String.join(
                        File.pathSeparator,
                        searched.stream().map(Path::toString).toList()) + ".");
    }

    /** Runs the plugin and reads its ExecCredential. */
    public Credential run(ExecConfig exec, Optional<String> installHint) {
        Path command;
        try {
            command = locate(exec.getCommand());
        } catch (NotFound e) {
            throw installHint
                    .filter(h -> !h.isBlank())
                    .map(h -> new NotFound(e.getMessage() + " " + h.strip()))
                    .orElse(e);
        }
        if ("Always".equals(exec.getInteractiveMode())) {
            throw new Failed("The credential plugin " + exec.getCommand() + " needs a terminal (interactiveMode:"
                    + " Always); run kubectl once in a terminal so it can cache a credential, then try again.");
        }
        List<String> line = new ArrayList<>();
        line.add(command.toString());
        if (exec.getArgs() != null) {
            line.addAll(exec.getArgs());
        }
        ProcessBuilder builder = new ProcessBuilder(line);
        Map<String, String> env = builder.environment();
        // The plugin may itself call gcloud, aws or az: give it the path it was found with.
        env.put(
                "PATH",
                String.join(
                        File.pathSeparator,
                        searchPath().stream().map(Path::toString).toList()));
        String apiVersion = exec.getApiVersion() == null ? "client.authentication.k8s.io/v1" : exec.getApiVersion();
        env.put(
                "KUBERNETES_EXEC_INFO",
                "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false}}");
        if (exec.getEnv() != null) {
            for (ExecEnvVar var : exec.getEnv()) {
                env.put(var.getName(), var.getValue());
            }
        }
        Process process;
        try {
            process = builder.start();
            // Non-interactive: the plugin reads nothing (closing stdin works on every OS, /dev/null does not).
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new Failed("The credential plugin " + command + " could not be started: " + e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new Failed("The credential plugin " + command + " did not answer within " + timeout.toSeconds()
                        + " s (it may be waiting for a browser login).");
            }
            String stdout = out.get(5, TimeUnit.SECONDS);
            String stderr = err.get(5, TimeUnit.SECONDS).strip();
            if (process.exitValue() != 0) {
                throw new Failed("The credential plugin " + command + " failed with exit code " + process.exitValue()
                        + (stderr.isEmpty() ? "." : ": " + clip(stderr)));
            }
            return parse(command, stdout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new Failed("The credential plugin " + command + " was interrupted.");
        } catch (ExecutionException | TimeoutException e) {
            throw new Failed("The credential plugin " + command + "'s output could not be read: " + e.getMessage());
        }
    }

    private static Credential parse(Path command, String stdout) {
        JsonNode credential;
        try {
            credential = JSON.readTree(stdout);
        } catch (IOException e) {
            // Never quote stdout: it is meant to hold a credential.
            throw new Failed(
                    "The credential plugin " + command + " printed no ExecCredential (its output is not" + " JSON).");
        }
        JsonNode status = credential == null ? null : credential.get("status");
        if (status == null || !"ExecCredential".equals(credential.path("kind").asText())) {
            throw new Failed("The credential plugin " + command + " printed no ExecCredential with a status.");
        }
        Optional<String> token = text(status, "token");
        Optional<String> cert = text(status, "clientCertificateData");
        Optional<String> key = text(status, "clientKeyData");
        if (token.isEmpty() && (cert.isEmpty() || key.isEmpty())) {
            throw new Failed("The credential plugin " + command
                    + "'s ExecCredential holds neither a token nor a client certificate and key.");
        }
        Optional<Instant> expires;
        try {
            expires = text(status, "expirationTimestamp").map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new Failed("The credential plugin " + command + "'s expirationTimestamp is not a time: "
                    + status.path("expirationTimestamp").asText());
        }
        return new Credential(token, cert, key, expires);
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::asText).filter(s -> !s.isBlank());
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String clip(String text) {
        return text.length() <= STDERR_LIMIT ? text : text.substring(0, STDERR_LIMIT) + "…";
    }
}
