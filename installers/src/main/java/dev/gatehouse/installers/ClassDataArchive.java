package dev.gatehouse.installers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gives an app-image what the packaged console needs for its class-data archive (issue 20): the classes the app
 * build's training run loaded ({@code app/target/class-data-training/classes.lst}), copied to
 * {@code gatehouse.classlist} beside the class-path jars. The archive itself, {@code gatehouse.jsa} there, which the
 * launcher's {@code -XX:SharedArchiveFile=$APPDIR/gatehouse.jsa} maps, is made where the package is installed (the
 * Debian package's postinst): the JVM checks the time of every jar the archive records, and jpackage gives the jars new
 * times when it stages them for the package. It is dumped by the image's own launcher, with the runtime, modules and
 * class path that ship: a jlinked runtime without {@code bin/java} has no other way in, and no default archive either.
 *
 * <p>Here, the build rehearses exactly that on the image: dump, then start the launcher with {@code -Xshare:on} (the
 * JVM refuses to start unless it maps the archive). A failure fails the build. The archive is then removed, so that
 * nothing made for these jars' times ships.
 */
public final class ClassDataArchive {

    /** The archive's file name in the image's application folder, as the launcher's java-options name it. */
    public static final String ARCHIVE = "gatehouse.jsa";

    /** The class list's file name there, as the Debian package's postinst names it. */
    public static final String CLASS_LIST = "gatehouse.classlist";

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private ClassDataArchive() {}

    /** Arguments: the app-image folder, the application name, the training run's class list. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ClassDataArchive APP_IMAGE NAME CLASS_LIST");
        }
        Path image = Path.of(args[0]).toAbsolutePath();
        AppImageLayout layout = AppImageLayout.of(image, args[1], System.getProperty("os.name", ""));
        Path trained = Path.of(args[2]);
        Path classList = layout.appDir().resolve(CLASS_LIST);
        Path archive = layout.appDir().resolve(ARCHIVE);
        // beside the image, not in it: everything in the image ships
        Path log = image.resolveSibling(args[1] + "-class-data.log");
        Files.deleteIfExists(archive);
        Files.deleteIfExists(log);
        if (!Files.isRegularFile(trained)) {
            Files.deleteIfExists(classList);
            say("no class list at " + trained + " (the app build's training run did not run or failed); the "
                    + "packaged console starts without a class-data archive");
            return;
        }
        Files.copy(trained, classList, StandardCopyOption.REPLACE_EXISTING);
        // JDK 25 goes on to run the main class after a static dump, and the console's fails there (the module system
        // is frozen while dumping): only the archive that results and the check below count, not this exit code.
        // quoted: the JVM splits JAVA_TOOL_OPTIONS at spaces, and a checkout's path may have some
        run(layout.launcher(), "-Xshare:dump -XX:SharedClassListFile=\"" + classList + "\"", log);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException(
                    "the launcher made no class-data archive from " + classList + " (see " + log + ")");
        }
        long size = Files.size(archive);
        Run check = run(layout.launcher(), "-Xshare:on", log);
        Files.delete(archive);
        if (check.exitCode() != 0 || !check.output().contains("gatehouse ")) {
            throw new IllegalStateException("the launcher cannot map the class-data archive it made (exit "
                    + check.exitCode() + ", see " + log + "):\n" + check.output());
        }
        say(String.format(
                "%s shipped; rehearsed the archive the package makes from it at install: %d MB, maps",
                classList, size >> 20));
    }

    /** One run of the launcher with {@code --version} and {@code jvmOptions}, its output appended to {@code log}. */
    private static Run run(Path launcher, String jvmOptions, Path log) throws IOException, InterruptedException {
        Path output = Files.createTempFile("class-data-archive", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(launcher.toString(), "--version"))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("JAVA_TOOL_OPTIONS", jvmOptions);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.writeString(
                    log,
                    "$ JAVA_TOOL_OPTIONS='" + jvmOptions + "' " + launcher + " --version\n" + text,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return new Run(process.exitValue(), text);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void say(String message) {
        System.out.println("[class-data archive] " + message);
    }

    /** A finished launcher run. */
    private record Run(int exitCode, String output) {}
}
