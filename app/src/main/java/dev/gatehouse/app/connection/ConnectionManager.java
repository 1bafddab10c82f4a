package dev.gatehouse.app.connection;

import dev.gatehouse.app.concurrent.BackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.embedded.EmbeddedAddresses;
import dev.gatehouse.app.secret.SecretStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The saved connections: add, edit, delete, test, and make one active. Files and keyrings are written in the
 * background; the observable list changes on the UI executor.
 */
public final class ConnectionManager {

    private final ConnectionStore store;
    private final SecretStore secrets;
    private final ActiveConnection active;
    private final ConnectionResolver resolver;
    private final BackgroundExecutor background;
    private final UiExecutor ui;
    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();

    public ConnectionManager(
            ConnectionStore store,
            SecretStore secrets,
            ActiveConnection active,
            ConnectionResolver resolver,
            BackgroundExecutor background,
            UiExecutor ui,
            List<ConnectionProfile> initial) {
        this.store = store;
        this.secrets = secrets;
        this.active = active;
        this.resolver = resolver;
        this.background = background;
        this.ui = ui;
        profiles.setAll(initial);
    }

    public ObservableList<ConnectionProfile> profiles() {
        return profiles;
    }

    public ActiveConnection active() {
        return active;
    }

    public SecretStore secrets() {
        return secrets;
    }

    /** The embedded sandbox's addresses while it runs; it keeps running while another connection is active. */
    public Optional<EmbeddedAddresses> sandboxAddresses() {
        return resolver.embedded().running();
    }

    /** Where the embedded sandbox keeps its stores. */
    public Path sandboxDataDir() {
        return resolver.embedded().dataDir();
    }

    /** The file saved connections are kept in (settings sit beside it). */
    public Path storeFile() {
        return store.file();
    }

    /** A fresh id for a new profile. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Saves a new or edited profile. A token argument that is empty leaves the stored token alone; a blank string
     * removes it.
     */
    public CompletableFuture<Void> save(
            ConnectionProfile profile, Optional<String> gatewayToken, Optional<String> meshToken) {
        List<ConnectionProfile> next = replaced(profile);
        String activeId = active.profile().id();
        return background
                .submit(() -> {
                    gatewayToken.ifPresent(token -> storeToken(profile.gatewayTokenKey(), token));
                    meshToken.ifPresent(token -> storeToken(profile.meshTokenKey(), token));
                    store.save(activeId, next);
                    return null;
                })
                .thenRun(() -> ui.execute(() -> {
                    profiles.setAll(next);
                    if (active.profile().id().equals(profile.id())) {
                        active.switchTo(profile);
                    }
                }));
    }

    /**
     * Saves a Kubernetes profile made by the connect-to-cluster wizard; a pasted kubeconfig (it holds credentials) goes
     * to the secret store, never to the connections file.
     */
    public CompletableFuture<Void> saveCluster(ConnectionProfile profile, Optional<String> pastedKubeconfig) {
        return background
                .submit(() -> {
                    pastedKubeconfig.ifPresent(text -> secrets.put(profile.kubeconfigKey(), text));
                    return null;
                })
                .thenCompose(done -> save(profile, Optional.empty(), Optional.empty()));
    }

    /** Deletes a saved profile and its tokens; the embedded one cannot go. Leaves it first if it is active. */
    public CompletableFuture<Void> delete(ConnectionProfile profile) {
        if (profile.isEmbedded()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the embedded sandbox stays"));
        }
        List<ConnectionProfile> next =
                profiles.stream().filter(p -> !p.id().equals(profile.id())).toList();
        boolean wasActive = active.profile().id().equals(profile.id());
        String activeId =
                wasActive ? ConnectionProfile.EMBEDDED_ID : active.profile().id();
        return background
                .submit(() -> {
                    secrets.remove(profile.gatewayTokenKey());
                    secrets.remove(profile.meshTokenKey());
                    secrets.remove(profile.kubeconfigKey());
                    profile.gateway()
                            .ifPresent(g -> g.headers()
                                    .keySet()
                                    .forEach(header -> secrets.remove(ConnectionStore.headerKey(profile, header))));
                    store.save(activeId, next);
                    return null;
                })
                .thenRun(() -> ui.execute(() -> {
                    profiles.setAll(next);
                    if (wasActive) {
                        active.switchTo(ConnectionStore.find(next, ConnectionProfile.EMBEDDED_ID)
                                .orElseThrow());
                    }
                }));
    }

    /**
     * Makes {@code profile} the active connection and remembers the choice; the future fails when the choice
     * could not be saved (the switch happens anyway).
     */
    public CompletableFuture<Void> activate(ConnectionProfile profile) {
        List<ConnectionProfile> current = List.copyOf(profiles);
        CompletableFuture<Void> remembered = background.submit(() -> {
            store.save(profile.id(), current);
            return null;
        });
        return CompletableFuture.allOf(remembered, active.switchTo(profile));
    }

    /**
     * Tests a profile as edited (tokens as typed, or the stored ones when not typed) without saving it. The
     * embedded profile is tested through the active clients when it is the active one.
     */
    public CompletableFuture<ConnectionTestResult> test(
            ConnectionProfile draft, Optional<String> gatewayToken, Optional<String> meshToken) {
        if (draft.isEmbedded()) {
            return resolver.connect(draft, step -> {})
                    .thenCompose(apis -> check(apis).whenComplete((r, e) -> apis.closeLater()));
        }
        return background
                .submit(() -> resolver.connectWithTokens(
                        draft,
                        gatewayToken.or(() -> secrets.get(draft.gatewayTokenKey())),
                        meshToken.or(() -> secrets.get(draft.meshTokenKey()))))
                .thenCompose(apis -> check(apis).whenComplete((r, e) -> apis.closeLater()));
    }

    private CompletableFuture<ConnectionTestResult> check(ConnectedApis apis) {
        CompletableFuture<EndpointHealth> gateway = apis.gateway()
                .map(HealthChecker::gateway)
                .orElseGet(() -> CompletableFuture.completedFuture(EndpointHealth.unknown()));
        CompletableFuture<EndpointHealth> mesh = apis.mesh()
                .map(HealthChecker::mesh)
                .orElseGet(() -> CompletableFuture.completedFuture(EndpointHealth.unknown()));
        return gateway.thenCombine(mesh, ConnectionTestResult::new);
    }

    private void storeToken(String key, String token) {
        if (token.isBlank()) {
            secrets.remove(key);
        } else {
            secrets.put(key, token);
        }
    }

    private List<ConnectionProfile> replaced(ConnectionProfile profile) {
        List<ConnectionProfile> next = new java.util.ArrayList<>(profiles);
        int index = -1;
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).id().equals(profile.id())) {
                index = i;
            }
        }
        if (index >= 0) {
            next.set(index, profile);
        } else {
            next.add(profile);
        }
        return List.copyOf(next);
    }
}
