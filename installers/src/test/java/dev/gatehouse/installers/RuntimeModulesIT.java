package dev.gatehouse.installers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jlink module list in installers/pom.xml ({@code installers.runtime.modules}) brings in every module that jdeps
 * finds the app's jars need, so the packaged runtime never lacks a class the classpath app loads. Runs in the default
 * build against the jars the module gathered (target/input, target/fxmods), without packaging anything.
 */
class RuntimeModulesIT {

    private static final Path INPUT = Path.of(System.getProperty("installers.input", "target/input"));
    private static final Path FXMODS = Path.of(System.getProperty("installers.fxmods", "target/fxmods"));
    private static final Set<String> CONFIGURED =
            Set.of(System.getProperty("installers.runtime.modules", "").split(","));

    @Test
    void theRuntimeModulesCoverWhatJdepsFindsTheAppJarsNeed() throws IOException {
        Set<String> needed = jdepsModules();
        Set<String> linked = modulesJlinkResolves();

        assertThat(needed).as("jdeps saw the JavaFX module path and the JDK").contains("javafx.controls", "java.base");
        assertThat(linked)
                .as("modules jlink will put in the runtime (closure of installers.runtime.modules %s)", CONFIGURED)
                .containsAll(needed);
    }

    @Test
    void javafxIsOnlyOnTheModulePathAndTheAppJarOnlyInTheInput() throws IOException {
        List<String> input = fileNames(INPUT);
        List<String> fxmods = fileNames(FXMODS);

        assertThat(input)
                .contains(System.getProperty("installers.main.jar", "app-0.1.0-SNAPSHOT.jar"))
                .noneMatch(name -> name.startsWith("javafx-"));
        assertThat(fxmods).isNotEmpty().allMatch(name -> name.startsWith("javafx-"));
    }

    /** What {@code jdeps --print-module-deps} says the jars in target/input need, JavaFX resolved from target/fxmods. */
    private static Set<String> jdepsModules() throws IOException {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        List<String> args = new ArrayList<>(List.of(
                "--print-module-deps",
                "--ignore-missing-deps",
                "--multi-release",
                System.getProperty("installers.release", "21"),
                "--module-path"));
        List<Path> jars;
        try (Stream<Path> listed = Files.list(INPUT)) {
            jars = listed.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        List<String> modulePath = new ArrayList<>(List.of(FXMODS.toString()));
        requiredByExplicitModules(jars).forEach(jar -> modulePath.add(jar.toString()));
        args.add(String.join(java.io.File.pathSeparator, modulePath));
        jars.forEach(p -> args.add(p.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertThat(exit).as("jdeps %s%n%s%s", args, out, err).isZero();
        // Split-package and similar warnings come first; the module list is the last line.
        List<String> lines = out.toString().lines().filter(l -> !l.isBlank()).toList();
        return new TreeSet<>(Arrays.asList(lines.get(lines.size() - 1).strip().split(",")));
    }

    /**
     * The input jars that explicit modules among the input require: jdeps resolves a named module's {@code requires}
     * on the module path even when the app runs on the class path (jgrapht-core's module-info requires org.apfloat).
     */
    private static List<Path> requiredByExplicitModules(List<Path> jars) {
        java.util.Map<String, Path> byName = new java.util.HashMap<>();
        Set<String> required = new java.util.HashSet<>();
        for (Path jar : jars) {
            try {
                java.lang.module.ModuleFinder.of(jar).findAll().forEach(ref -> {
                    byName.put(ref.descriptor().name(), jar);
                    if (!ref.descriptor().isAutomatic()) {
                        ref.descriptor().requires().forEach(r -> required.add(r.name()));
                    }
                });
            } catch (java.lang.module.FindException e) {
                // not readable as a module: it stays a class-path jar for jdeps as for the app
            }
        }
        return required.stream()
                .filter(byName::containsKey)
                .map(byName::get)
                .distinct()
                .sorted()
                .toList();
    }

    /** The configured modules plus everything they require, as jlink resolves them. */
    private static Set<String> modulesJlinkResolves() {
        ModuleFinder finder = ModuleFinder.compose(ModuleFinder.ofSystem(), ModuleFinder.of(FXMODS));
        Configuration configuration = Configuration.empty().resolve(finder, ModuleFinder.of(), CONFIGURED);
        return configuration.modules().stream()
                .map(ResolvedModule::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
