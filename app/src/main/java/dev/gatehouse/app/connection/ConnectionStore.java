package dev.gatehouse.app.connection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.gatehouse.app.files.OwnerOnlyFileWriter;
import dev.gatehouse.app.secret.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Saved connections in {@code connections.json} (owner-only, replaced atomically). The embedded sandbox is always
 * there and always first. Tokens are never written here, and neither are custom header values (they often carry
 * credentials): those go to the secret store, and the file keeps only the header names.
 */
public final class ConnectionStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final String FILE_NAME = "connections.json";

    /** The file's content. */
    public record Saved(String active, List<ConnectionProfile> profiles) {}

    private final Path file;
    private final SecretStore secrets;

    public ConnectionStore(Path configDir, SecretStore secrets) {
        this.file = configDir.resolve(FILE_NAME);
        this.secrets = secrets;
    }

    public Path file() {
        return file;
    }

    /** The saved profiles, the embedded one first, and which one was active. */
    public synchronized Saved load() {
        List<ConnectionProfile> profiles = new ArrayList<>();
        profiles.add(ConnectionProfile.embedded());
        String active = ConnectionProfile.EMBEDDED_ID;
        if (Files.isRegularFile(file)) {
            try {
                Saved saved = JSON.readValue(file.toFile(), Saved.class);
                saved.profiles().stream()
                        .filter(p -> !p.isEmbedded())
                        .map(this::withHeaderValues)
                        .forEach(profiles::add);
                active = activeOf(saved);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read saved connections in " + file + ": " + e.getMessage(), e);
            }
        }
        return new Saved(active, List.copyOf(profiles));
    }

    /**
     * Whether the console will open on the embedded sandbox, read without the secret store (so the sandbox can start
     * while the window is still being made): true when nothing is saved or the saved active connection is the
     * embedded one or gone; false when the file cannot be read ({@link #load()} then reports why).
     */
    public static boolean opensOnEmbedded(Path configDir) {
        Path file = configDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return true;
        }
        try {
            return activeOf(JSON.readValue(file.toFile(), Saved.class)).equals(ConnectionProfile.EMBEDDED_ID);
        } catch (IOException e) {
            return false;
        }
    }

    /** The saved active connection when it is one of the saved remote profiles, else the embedded one. */
    private static String activeOf(Saved saved) {
        String wanted = saved.active();
        return saved.profiles() != null
                        && saved.profiles().stream().anyMatch(p -> !p.isEmbedded() && p.id().equals(wanted))
                ? wanted
                : ConnectionProfile.EMBEDDED_ID;
    }

    public synchronized void save(String active, List<ConnectionProfile> profiles) {
        List<ConnectionProfile> remote = profiles.stream()
                .filter(p -> !p.isEmbedded())
                .map(this::withoutHeaderValues)
                .toList();
        try {
            Saved saved = new Saved(active, remote);
            OwnerOnlyFileWriter.write(
                    file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, saved));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save connections to " + file, e);
        }
    }

    /** Moves header values to the secret store; the file gets the names with empty values. */
    private ConnectionProfile withoutHeaderValues(ConnectionProfile profile) {
        return profile.gateway()
                .map(g -> {
                    Map<String, String> names = new LinkedHashMap<>();
                    g.headers().forEach((name, value) -> {
                        secrets.put(headerKey(profile, name), value);
                        names.put(name, "");
                    });
                    return withHeaders(profile, g, names);
                })
                .orElse(profile);
    }

    private ConnectionProfile withHeaderValues(ConnectionProfile profile) {
        return profile.gateway()
                .map(g -> {
                    Map<String, String> values = new LinkedHashMap<>();
                    g.headers()
                            .keySet()
                            .forEach(name -> values.put(
                                    name, secrets.get(headerKey(profile, name)).orElse("")));
                    return withHeaders(profile, g, values);
                })
                .orElse(profile);
    }

    private static ConnectionProfile withHeaders(
            ConnectionProfile profile, EndpointSettings gateway, Map<String, String> headers) {
        return new ConnectionProfile(
                profile.id(),
                profile.name(),
                profile.kind(),
                Optional.of(new EndpointSettings(
                        gateway.url(), gateway.tokenScheme(), headers, gateway.caFile(), gateway.skipTlsVerify())),
                profile.gatewayProxy(),
                profile.mesh());
    }

    /** Secret-store key of one custom header's value. */
    static String headerKey(ConnectionProfile profile, String header) {
        return profile.id() + "/header/" + header;
    }

    /** Looks a profile up by id in a list. */
    static Optional<ConnectionProfile> find(List<ConnectionProfile> profiles, String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
