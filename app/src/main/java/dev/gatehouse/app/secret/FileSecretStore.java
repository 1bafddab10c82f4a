package dev.gatehouse.app.secret;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.files.OwnerOnlyFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Secrets in {@code secrets.json}, readable by the owner only; used when the OS offers no keyring. */
public final class FileSecretStore implements SecretStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, String> secrets = new TreeMap<>();

    public FileSecretStore(Path configDir) {
        this.file = configDir.resolve("secrets.json");
        if (Files.isRegularFile(file)) {
            try {
                secrets.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file + "; fix or remove it", e);
            }
        }
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(secrets.get(key));
    }

    @Override
    public synchronized void put(String key, String secret) {
        secrets.put(key, secret);
        save();
    }

    @Override
    public synchronized void remove(String key) {
        if (secrets.remove(key) != null) {
            save();
        }
    }

    @Override
    public boolean isKeyring() {
        return false;
    }

    @Override
    public String location() {
        return file.toString();
    }

    private void save() {
        try {
            OwnerOnlyFileWriter.write(
                    file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, secrets));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save " + file, e);
        }
    }
}
