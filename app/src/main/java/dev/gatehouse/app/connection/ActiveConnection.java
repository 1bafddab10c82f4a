package dev.gatehouse.app.connection;

import dev.gatehouse.app.concurrent.BackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/** The connection the console works against, and the last known health of its gateway and mesh endpoints. */
public final class ActiveConnection {

    private final ObjectProperty<ConnectionProfile> profile = new SimpleObjectProperty<>(this, "profile");
    private final ReadOnlyObjectWrapper<EndpointHealth> gatewayHealth =
            new ReadOnlyObjectWrapper<>(this, "gatewayHealth", EndpointHealth.unknown());
    private final ReadOnlyObjectWrapper<EndpointHealth> meshHealth =
            new ReadOnlyObjectWrapper<>(this, "meshHealth", EndpointHealth.unknown());
    private final Function<URI, EndpointHealth> probe;
    private final BackgroundExecutor background;
    private final UiExecutor ui;

    public ActiveConnection(ConnectionProfile initial, Function<URI, EndpointHealth> probe,
                            BackgroundExecutor background, UiExecutor ui) {
        this.probe = probe;
        this.background = background;
        this.ui = ui;
        profile.set(initial);
        profile.addListener((obs, old, now) -> refresh());
    }

    public ObjectProperty<ConnectionProfile> profileProperty() {
        return profile;
    }

    public ConnectionProfile profile() {
        return profile.get();
    }

    public ReadOnlyObjectProperty<EndpointHealth> gatewayHealthProperty() {
        return gatewayHealth.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EndpointHealth> meshHealthProperty() {
        return meshHealth.getReadOnlyProperty();
    }

    /** Probes both endpoints in the background; the properties change on the UI executor. */
    public CompletableFuture<Void> refresh() {
        ConnectionProfile current = profile.get();
        return CompletableFuture.allOf(
                check(current, current.gatewayAdmin(), gatewayHealth),
                check(current, current.meshApi(), meshHealth));
    }

    private CompletableFuture<Void> check(ConnectionProfile asked, Optional<URI> endpoint,
                                          ReadOnlyObjectWrapper<EndpointHealth> target) {
        if (endpoint.isEmpty()) {
            ui.execute(() -> target.set(EndpointHealth.unknown()));
            return CompletableFuture.completedFuture(null);
        }
        ui.execute(() -> {
            if (target.get().status() != EndpointHealth.Status.UP) {
                target.set(EndpointHealth.checking());
            }
        });
        return background.submit(() -> probe.apply(endpoint.get()))
                .thenAccept(result -> ui.execute(() -> {
                    // A slow answer for a profile the user has since left must not overwrite the new one's state.
                    if (profile.get() == asked) {
                        target.set(result);
                    }
                }));
    }
}
