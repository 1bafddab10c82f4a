package dev.gatehouse.app.secret;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The OS keyring through its command-line tool: {@code secret-tool} (libsecret, Linux desktops) or
 * {@code security} (macOS Keychain). The secret travels on stdin, never on a command line others can read,
 * except for macOS's tool, which only takes it as an argument to {@code -w} when adding.
 */
public final class CommandKeyringStore implements SecretStore {

    /** Which keyring tool. */
    public enum Tool {
        SECRET_TOOL,
        MACOS_SECURITY
    }

    private static final String SERVICE = "gatehouse";

    private final Tool tool;

    public CommandKeyringStore(Tool tool) {
        this.tool = tool;
    }

    @Override
    public Optional<String> get(String key) {
        List<String> command = switch (tool) {
            case SECRET_TOOL -> List.of("secret-tool", "lookup", "service", SERVICE, "key", key);
            case MACOS_SECURITY -> List.of("security", "find-generic-password", "-s", SERVICE, "-a", key, "-w");
        };
        Result result = run(command, null);
        String value = result.output().strip();
        return result.exit() == 0 && !value.isEmpty() ? Optional.of(value) : Optional.empty();
    }

    @Override
    public void put(String key, String secret) {
        Result result = switch (tool) {
            case SECRET_TOOL ->
                run(
                        List.of("secret-tool", "store", "--label=Gatehouse " + key, "service", SERVICE, "key", key),
                        secret);
            case MACOS_SECURITY ->
                run(List.of("security", "add-generic-password", "-U", "-s", SERVICE, "-a", key, "-w", secret), null);
        };
        if (result.exit() != 0) {
            throw new IllegalStateException(
                    "the keyring refused to store the token (" + tool + " exit " + result.exit() + ")");
        }
    }

    @Override
    public void remove(String key) {
        switch (tool) {
            case SECRET_TOOL -> run(List.of("secret-tool", "clear", "service", SERVICE, "key", key), null);
            case MACOS_SECURITY -> run(List.of("security", "delete-generic-password", "-s", SERVICE, "-a", key), null);
        }
    }

    @Override
    public boolean isKeyring() {
        return true;
    }

    @Override
    public String location() {
        return tool == Tool.SECRET_TOOL ? "the desktop keyring (libsecret)" : "the macOS Keychain";
    }

    /** True when the tool exists and its keyring answers (a locked-out or absent Secret Service does not). */
    boolean works() {
        Result result = switch (tool) {
            case SECRET_TOOL -> run(List.of("secret-tool", "search", "--all", "service", SERVICE + "-probe"), null);
            case MACOS_SECURITY -> run(List.of("security", "list-keychains"), null);
        };
        return result.exit() == 0;
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, String stdin) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(false)
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.getErrorStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "");
            }
            return new Result(process.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "");
        }
    }
}
