package dev.gatehouse.app.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where the console keeps its settings and data, following each OS's convention. */
public record AppDirectories(Path configDir, Path dataDir) {

    /** Resolves the directories from the environment; {@code GATEHOUSE_CONFIG_DIR} / {@code GATEHOUSE_DATA_DIR} override. */
    public static AppDirectories fromEnvironment() {
        Map<String, String> env = System.getenv();
        return resolve(env, System.getProperty("os.name", ""), home(env, System.getProperty("user.home")));
    }

    /**
     * {@code $HOME} when set, else the account's home. Java's {@code user.home} comes from the account database,
     * not from {@code $HOME}, so {@code HOME=/tmp/x gatehouse} would otherwise still write to the real home.
     */
    static Path home(Map<String, String> env, String accountHome) {
        return pathOr(env.get("HOME"), Path.of(accountHome));
    }

    /** Pure resolution, testable with any environment. */
    static AppDirectories resolve(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path config;
        Path data;
        if (os.contains("win")) {
            Path appData = pathOr(env.get("APPDATA"), home.resolve("AppData/Roaming"));
            Path localAppData = pathOr(env.get("LOCALAPPDATA"), home.resolve("AppData/Local"));
            config = appData.resolve("Gatehouse");
            data = localAppData.resolve("Gatehouse");
        } else if (os.contains("mac")) {
            config = home.resolve("Library/Application Support/Gatehouse");
            data = config.resolve("data");
        } else {
            config = pathOr(env.get("XDG_CONFIG_HOME"), home.resolve(".config")).resolve("gatehouse");
            data = pathOr(env.get("XDG_DATA_HOME"), home.resolve(".local/share"))
                    .resolve("gatehouse");
        }
        return new AppDirectories(
                pathOr(env.get("GATEHOUSE_CONFIG_DIR"), config), pathOr(env.get("GATEHOUSE_DATA_DIR"), data));
    }

    private static Path pathOr(String value, Path fallback) {
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }
}
