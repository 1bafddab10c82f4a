package dev.gatehouse.installers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a jpackage app-image before it ships: the runtime holds every module asked for, JavaFX sits in the runtime
 * and not among the class-path jars, and the launcher opens the console window ({@link LauncherSmoke}).
 * The {@code installers} Maven profile runs it right after packaging; any failure fails the build.
 */
public final class AppImageCheck {

    private static final Duration SMOKE_TIMEOUT = Duration.ofMinutes(2);

    private AppImageCheck() {}

    /** Arguments: the app-image folder, the application name, the comma-separated runtime modules. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: AppImageCheck APP_IMAGE NAME MODULE[,MODULE...]");
        }
        Path image = Path.of(args[0]);
        AppImageLayout layout = AppImageLayout.of(image, args[1], System.getProperty("os.name", ""));
        Set<String> modules = new LinkedHashSet<>(Arrays.asList(args[2].split(",")));

        List<String> problems = layoutProblems(layout, modules);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "app-image " + image + " is broken:\n  - " + String.join("\n  - ", problems));
        }
        System.out.println("[app-image check] layout ok: " + modules.size() + " runtime modules, no JavaFX jar among "
                + "the class-path jars");

        Optional<LauncherSmoke.Outcome> outcome = new LauncherSmoke(SMOKE_TIMEOUT).run(layout.launcher());
        if (outcome.isEmpty()) {
            System.out.println("[app-image check] WARNING: launcher not started: no display and no xvfb-run "
                    + "(apt-get install -y xvfb)");
            return;
        }
        LauncherSmoke.Outcome result = outcome.get();
        if (!result.ok()) {
            throw new IllegalStateException("the packaged launcher failed its smoke check (exit " + result.exitCode()
                    + ") running " + result.command() + ":\n" + result.output());
        }
        System.out.println(
                "[app-image check] launcher ok: " + result.smokeLine().orElseThrow());
        // JVM warnings (native access, sun.misc.Unsafe) mean the launcher's java-options need a look.
        result.output()
                .lines()
                .filter(line -> line.startsWith("WARNING:"))
                .forEach(line -> System.out.println("[app-image check] launcher warned: " + line));
    }

    /** Everything wrong with the image's layout; empty when it is sound. */
    static List<String> layoutProblems(AppImageLayout layout, Set<String> modules) throws IOException {
        List<String> problems = new ArrayList<>();
        if (!Files.isExecutable(layout.launcher())) {
            problems.add("no executable launcher at " + layout.launcher());
        }
        if (Files.isRegularFile(layout.runtimeRelease())) {
            Set<String> present = releaseModules(layout.runtimeRelease());
            List<String> missing =
                    modules.stream().filter(m -> !present.contains(m)).toList();
            if (!missing.isEmpty()) {
                problems.add("runtime lacks modules " + missing + " (it has " + present + ")");
            }
        } else {
            problems.add("no runtime release file at " + layout.runtimeRelease());
        }
        if (Files.isDirectory(layout.appDir())) {
            try (Stream<Path> jars = Files.list(layout.appDir())) {
                List<String> javafx = jars.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("javafx-") && n.endsWith(".jar"))
                        .sorted()
                        .toList();
                if (!javafx.isEmpty()) {
                    problems.add("JavaFX jars on the class path as well as in the runtime: " + javafx);
                }
            }
        } else {
            problems.add("no application folder at " + layout.appDir());
        }
        return problems;
    }

    /** The MODULES entry of a runtime's {@code release} file ({@code MODULES="java.base java.xml ..."}). */
    static Set<String> releaseModules(Path release) throws IOException {
        for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
            if (line.startsWith("MODULES=")) {
                String value =
                        line.substring("MODULES=".length()).replace("\"", "").strip();
                return new LinkedHashSet<>(Arrays.asList(value.split("\\s+")));
            }
        }
        return Set.of();
    }
}
