package dev.gatehouse.app.settings;

import dev.gatehouse.app.files.OwnerOnlyFileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** The console's small key/value preferences ({@code settings.properties} in the config directory). */
public final class SettingsStore {

    private final Path file;
    private final Properties values = new Properties();

    /** Opens the store, reading the file when it exists. */
    public SettingsStore(Path configDir) {
        this.file = configDir.resolve("settings.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // A damaged preferences file must not stop the console; defaults apply and the next save repairs it.
                values.clear();
            }
        }
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    /** Stores a value and writes the file at once. */
    public synchronized void put(String key, String value) {
        values.setProperty(key, value);
        try {
            OwnerOnlyFileWriter.write(file, out -> values.store(out, "Gatehouse console settings"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save settings to " + file, e);
        }
    }
}
