package dev.gatehouse.installers;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where jpackage puts the launcher, the application jars and the runtime's {@code release} file in an app-image.
 *
 * @param launcher the native launcher users start
 * @param appDir the folder of the class-path jars ({@code --input})
 * @param runtimeRelease the jlinked runtime's {@code release} file, which lists its modules
 */
public record AppImageLayout(Path launcher, Path appDir, Path runtimeRelease) {

    /** The layout jpackage uses on the OS named {@code osName} (a value of {@code os.name}). */
    public static AppImageLayout of(Path image, String name, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return new AppImageLayout(
                    image.resolve(name + ".exe"), image.resolve("app"), image.resolve("runtime/release"));
        }
        if (os.contains("mac")) {
            Path contents = image.resolve("Contents");
            return new AppImageLayout(
                    contents.resolve("MacOS").resolve(name),
                    contents.resolve("app"),
                    contents.resolve("runtime/Contents/Home/release"));
        }
        return new AppImageLayout(
                image.resolve("bin").resolve(name), image.resolve("lib/app"), image.resolve("lib/runtime/release"));
    }
}
