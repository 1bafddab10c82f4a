package dev.gatehouse.app.pages.connections;

import dev.gatehouse.app.connection.ClusterSettings;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionManager;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.EndpointSettings;
import dev.gatehouse.app.connection.TokenScheme;
import dev.gatehouse.app.page.HeaderLines;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Connections page's editor: one profile's fields as the user types them, validated into a
 * {@link ConnectionProfile}. Tokens typed here go to the secret store, never into the profile.
 */
public final class ProfileDraft {

    /** One problem with what was typed, attached to the field it concerns. */
    public record Problem(String field, String messageKey) {}

    private final String id;
    private final ObjectProperty<ConnectionKind> kind = new SimpleObjectProperty<>(this, "kind");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty gatewayUrl = new SimpleStringProperty(this, "gatewayUrl", "");
    private final StringProperty proxyUrl = new SimpleStringProperty(this, "proxyUrl", "");
    private final StringProperty gatewayToken = new SimpleStringProperty(this, "gatewayToken", "");
    private final StringProperty gatewayHeaders = new SimpleStringProperty(this, "gatewayHeaders", "");
    private final StringProperty caFile = new SimpleStringProperty(this, "caFile", "");
    private final BooleanProperty skipTlsVerify = new SimpleBooleanProperty(this, "skipTlsVerify");
    private final StringProperty meshUrl = new SimpleStringProperty(this, "meshUrl", "");
    private final StringProperty meshToken = new SimpleStringProperty(this, "meshToken", "");
    /** A Kubernetes profile's cluster, set by the wizard and kept as it is by this editor (which edits the name). */
    private Optional<ClusterSettings> cluster = Optional.empty();

    private ProfileDraft(String id, ConnectionKind kind) {
        this.id = id;
        this.kind.set(kind);
    }

    /** An empty draft for a new remote connection of {@code kind}. */
    public static ProfileDraft create(ConnectionKind kind) {
        ProfileDraft draft = new ProfileDraft(ConnectionManager.newId(), kind);
        if (kind == ConnectionKind.REMOTE_KONG) {
            draft.name.set("Kong");
            draft.gatewayUrl.set("http://localhost:8001");
            draft.proxyUrl.set("http://localhost:8000");
        } else {
            draft.name.set("Kuma");
            draft.meshUrl.set("http://localhost:5681");
        }
        return draft;
    }

    /** A draft showing a saved profile; tokens stay empty, meaning "keep the stored one". */
    public static ProfileDraft of(ConnectionProfile profile) {
        ProfileDraft draft = new ProfileDraft(profile.id(), profile.kind());
        draft.name.set(profile.name());
        profile.gateway().ifPresent(g -> {
            draft.gatewayUrl.set(g.url().toString());
            draft.gatewayHeaders.set(HeaderLines.format(g.headers()));
            draft.caFile.set(g.caFile().map(Path::toString).orElse(""));
            draft.skipTlsVerify.set(g.skipTlsVerify());
        });
        profile.gatewayProxy().ifPresent(p -> draft.proxyUrl.set(p.toString()));
        profile.mesh().ifPresent(m -> draft.meshUrl.set(m.url().toString()));
        draft.cluster = profile.cluster();
        return draft;
    }

    public String id() {
        return id;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty gatewayUrlProperty() {
        return gatewayUrl;
    }

    public StringProperty proxyUrlProperty() {
        return proxyUrl;
    }

    public StringProperty gatewayTokenProperty() {
        return gatewayToken;
    }

    public StringProperty gatewayHeadersProperty() {
        return gatewayHeaders;
    }

    public StringProperty caFileProperty() {
        return caFile;
    }

    public BooleanProperty skipTlsVerifyProperty() {
        return skipTlsVerify;
    }

    public StringProperty meshUrlProperty() {
        return meshUrl;
    }

    public StringProperty meshTokenProperty() {
        return meshToken;
    }

    /** The cluster of a Kubernetes profile, shown read-only; empty for the others. */
    public Optional<ClusterSettings> cluster() {
        return cluster;
    }

    public boolean hasGateway() {
        return kind.get() == ConnectionKind.REMOTE_KONG;
    }

    public boolean hasMesh() {
        return kind.get() == ConnectionKind.REMOTE_KUMA;
    }

    /** The first problem with what was typed, if any. */
    public Optional<Problem> problem() {
        if (name.get().isBlank()) {
            return Optional.of(new Problem("name", "connection.error.name"));
        }
        if (hasGateway()) {
            if (parseUrl(gatewayUrl.get()).isEmpty()) {
                return Optional.of(new Problem("gatewayUrl", "connection.error.url"));
            }
            if (!proxyUrl.get().isBlank() && parseUrl(proxyUrl.get()).isEmpty()) {
                return Optional.of(new Problem("proxyUrl", "connection.error.url"));
            }
            if (HeaderLines.parse(gatewayHeaders.get()).isEmpty()) {
                return Optional.of(new Problem("gatewayHeaders", "connection.error.headers"));
            }
            if (!caFile.get().isBlank()
                    && !java.nio.file.Files.isReadable(Path.of(caFile.get().strip()))) {
                return Optional.of(new Problem("caFile", "connection.error.cafile"));
            }
        }
        if (hasMesh() && parseUrl(meshUrl.get()).isEmpty()) {
            return Optional.of(new Problem("meshUrl", "connection.error.url"));
        }
        return Optional.empty();
    }

    /** The profile these fields describe; call only when {@link #problem()} is empty. */
    public ConnectionProfile toProfile() {
        Optional<EndpointSettings> gateway = hasGateway()
                ? Optional.of(new EndpointSettings(
                        parseUrl(gatewayUrl.get()).orElseThrow(),
                        TokenScheme.KONG_ADMIN_TOKEN,
                        HeaderLines.parse(gatewayHeaders.get()).orElseThrow(),
                        caFile.get().isBlank()
                                ? Optional.empty()
                                : Optional.of(Path.of(caFile.get().strip())),
                        skipTlsVerify.get()))
                : Optional.empty();
        Optional<URI> proxy = hasGateway() ? parseUrl(proxyUrl.get()) : Optional.empty();
        Optional<EndpointSettings> mesh = hasMesh()
                ? Optional.of(new EndpointSettings(
                        parseUrl(meshUrl.get()).orElseThrow(), TokenScheme.BEARER, Map.of(), Optional.empty(), false))
                : Optional.empty();
        return new ConnectionProfile(id, name.get().strip(), kind.get(), gateway, proxy, mesh, cluster);
    }

    /** The gateway token as typed: empty means "leave the stored one". */
    public Optional<String> typedGatewayToken() {
        return gatewayToken.get().isEmpty()
                ? Optional.empty()
                : Optional.of(gatewayToken.get().strip());
    }

    /** The mesh token as typed: empty means "leave the stored one". */
    public Optional<String> typedMeshToken() {
        return meshToken.get().isEmpty()
                ? Optional.empty()
                : Optional.of(meshToken.get().strip());
    }

    /** An http(s) URL with a host, or nothing. */
    static Optional<URI> parseUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (java.net.URISyntaxException e) {
            // reported as a field problem by the caller
        }
        return Optional.empty();
    }
}
