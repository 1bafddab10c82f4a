package dev.gatehouse.app;

import dev.gatehouse.app.cli.ApplyCommand;
import dev.gatehouse.app.cli.DiffCommand;
import dev.gatehouse.app.cli.ExportCommand;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.sandbox.SandboxCommand;
import dev.gatehouse.app.settings.AppDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.kordamp.ikonli.javafx.FontIcon;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command-line entry point; deliberately not a JavaFX {@code Application} so it runs from the classpath. */
@Command(
        name = "gatehouse",
        mixinStandardHelpOptions = true,
        versionProvider = Launcher.Version.class,
        subcommands = {SandboxCommand.class, ExportCommand.class, DiffCommand.class, ApplyCommand.class},
        description = "Gatehouse: secure your API platform end to end (gateway and mesh) from one window.%n"
                + "Without a command, opens the console.")
public final class Launcher implements Callable<Integer> {

    @Option(
            names = "--config-dir",
            paramLabel = "DIR",
            description = "Where settings are kept (default: the OS convention, or GATEHOUSE_CONFIG_DIR).")
    private Path configDir;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the embedded sandbox keeps its data (default: the OS convention, or "
                    + "GATEHOUSE_DATA_DIR).")
    private Path dataDir;

    @Option(
            names = "--smoke",
            hidden = true,
            description = "Open the window, check icons and resources load, print the result and exit.")
    private boolean smoke;

    @Option(
            names = "--training-run",
            hidden = true,
            description = "Open the window, wait for the embedded sandbox and the first page, then exit: the run the"
                    + " build records the console's classes from (app/pom.xml).")
    private boolean trainingRun;

    /** How long the training run leaves the first page to load once the sandbox is ready. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    public static void main(String[] args) {
        // The sandbox's gateway and data planes run on Netty in this JVM: no sampled leak tracking (a stack trace per
        // 128 buffers) on their hot paths, as their own mains do. Set before Netty's first class loads; tests, which do
        // not come through here, keep it on, and -Dio.netty.leakDetection.level still wins.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        System.exit(new CommandLine(new Launcher()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        AppDirectories defaults = AppDirectories.fromEnvironment();
        AppDirectories directories = new AppDirectories(
                configDir == null ? defaults.configDir() : configDir, dataDir == null ? defaults.dataDir() : dataDir);
        int[] exit = {0};
        try {
            ConsoleLauncher.run(directories, shown -> {
                if (smoke) {
                    exit[0] = smokeCheck(shown.stage());
                    shown.stage().hide();
                } else if (trainingRun) {
                    closeOnceSettled(shown);
                }
            });
        } catch (ConsoleLauncher.NoWindowSystemException e) {
            System.err.println("gatehouse: " + e.getMessage());
            return 2;
        }
        return exit[0];
    }

    /** Proves the packaged jar works: window shown, Ikonli's ServiceLoader registrations found, icons loaded. */
    private static int smokeCheck(javafx.stage.Stage stage) {
        try {
            for (AppIcon icon : AppIcon.values()) {
                // Resolving by literal goes through Ikonli's ServiceLoader registrations, which packaging can break.
                new FontIcon(icon.literal());
            }
            boolean ok = stage.isShowing() && stage.getIcons().size() == AppIcon.APP_ICON_SIZES.size();
            System.out.println((ok ? "smoke ok: " : "smoke FAILED: ") + stage.getTitle());
            return ok ? 0 : 1;
        } catch (RuntimeException e) {
            System.out.println("smoke FAILED: " + e);
            return 1;
        } finally {
            Platform.setImplicitExit(true);
        }
    }

    /**
     * Closes the window once the embedded sandbox is ready (or has failed) and the first page has had {@link #SETTLE}
     * to load from it: the training run then has loaded what a real start loads.
     */
    private static void closeOnceSettled(ConsoleLauncher.Shown shown) {
        shown.embedded()
                .start(step -> {})
                .handle((addresses, failure) -> null)
                .thenRunAsync(
                        () -> Platform.runLater(shown.stage()::hide),
                        CompletableFuture.delayedExecutor(SETTLE.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gatehouse " + AppVersion.get()};
        }
    }
}
