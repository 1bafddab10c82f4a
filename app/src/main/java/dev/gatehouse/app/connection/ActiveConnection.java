package dev.gatehouse.app.connection;

import dev.gatehouse.app.concurrent.UiExecutor;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The connection the console works against: its profile, its live clients once connected (the embedded sandbox
 * takes a moment to start), and the last known health of its gateway and mesh. Properties change on the UI executor.
 */
public final class ActiveConnection implements AutoCloseable {

    /** Where the connection stands. */
    public enum State { CONNECTING, CONNECTED, FAILED }

    private final ConnectionResolver resolver;
    private final UiExecutor ui;
    private final ReadOnlyObjectWrapper<ConnectionProfile> profile = new ReadOnlyObjectWrapper<>(this, "profile");
    private final ReadOnlyObjectWrapper<ConnectedApis> apis = new ReadOnlyObjectWrapper<>(this, "apis");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.CONNECTING);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyObjectWrapper<EndpointHealth> gatewayHealth =
            new ReadOnlyObjectWrapper<>(this, "gatewayHealth", EndpointHealth.unknown());
    private final ReadOnlyObjectWrapper<EndpointHealth> meshHealth =
            new ReadOnlyObjectWrapper<>(this, "meshHealth", EndpointHealth.unknown());

    public ActiveConnection(ConnectionProfile initial, ConnectionResolver resolver, UiExecutor ui) {
        this.resolver = resolver;
        this.ui = ui;
        profile.set(initial);
    }

    public ReadOnlyObjectProperty<ConnectionProfile> profileProperty() {
        return profile.getReadOnlyProperty();
    }

    public ConnectionProfile profile() {
        return profile.get();
    }

    /** The live clients, or null while connecting or after a failure. */
    public ReadOnlyObjectProperty<ConnectedApis> apisProperty() {
        return apis.getReadOnlyProperty();
    }

    public ConnectedApis apis() {
        return apis.get();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the connection is doing now ("Starting the embedded gateway…"), or why it failed. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EndpointHealth> gatewayHealthProperty() {
        return gatewayHealth.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EndpointHealth> meshHealthProperty() {
        return meshHealth.getReadOnlyProperty();
    }

    /** Connects to the current profile; call once at start-up. */
    public CompletableFuture<Void> connect() {
        return switchTo(profile.get());
    }

    /** Leaves the current connection and connects to {@code next}; every page refreshes when {@code apis} changes. */
    public CompletableFuture<Void> switchTo(ConnectionProfile next) {
        ConnectedApis old = apis.get();
        ui.execute(() -> {
            profile.set(next);
            apis.set(null);
            state.set(State.CONNECTING);
            progress.set("");
            gatewayHealth.set(EndpointHealth.unknown());
            meshHealth.set(EndpointHealth.unknown());
        });
        if (old != null) {
            old.close();
        }
        return resolver.connect(next, step -> ui.execute(() -> progress.set(step)))
                .handle((connected, failure) -> {
                    if (failure != null) {
                        EndpointHealth down = HealthChecker.fromFailure(failure, 0);
                        ui.execute(() -> {
                            if (profile.get() == next) {
                                state.set(State.FAILED);
                                progress.set(String.valueOf(failure.getCause() != null
                                        ? failure.getCause().getMessage() : failure.getMessage()));
                                gatewayHealth.set(down);
                            }
                        });
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    ui.execute(() -> {
                        if (profile.get() == next) {
                            apis.set(connected);
                            state.set(State.CONNECTED);
                            progress.set("");
                        } else {
                            connected.close();
                        }
                    });
                    return refresh(connected);
                })
                .thenCompose(f -> f);
    }

    /** Checks both endpoints again. */
    public CompletableFuture<Void> refresh() {
        ConnectedApis current = apis.get();
        return current == null ? CompletableFuture.completedFuture(null) : refresh(current);
    }

    private CompletableFuture<Void> refresh(ConnectedApis current) {
        CompletableFuture<Void> gateway = current.gateway().map(repository -> {
            markChecking(gatewayHealth);
            return HealthChecker.gateway(repository).thenAccept(h -> publish(current, gatewayHealth, h));
        }).orElseGet(() -> CompletableFuture.completedFuture(null));
        CompletableFuture<Void> mesh = current.mesh().map(repository -> {
            markChecking(meshHealth);
            return HealthChecker.mesh(repository).thenAccept(h -> publish(current, meshHealth, h));
        }).orElseGet(() -> CompletableFuture.completedFuture(null));
        return CompletableFuture.allOf(gateway, mesh);
    }

    private void markChecking(ReadOnlyObjectWrapper<EndpointHealth> target) {
        ui.execute(() -> {
            if (target.get().status() == EndpointHealth.Status.UNKNOWN) {
                target.set(EndpointHealth.checking());
            }
        });
    }

    private void publish(ConnectedApis asked, ReadOnlyObjectWrapper<EndpointHealth> target, EndpointHealth health) {
        // A late answer for a connection the user has since left must not overwrite the new one's state.
        ui.execute(() -> {
            if (apis.get() == asked) {
                target.set(health);
            }
        });
    }

    /** True when the gateway answered as Kong on the last check. */
    public boolean gatewayUp() {
        return gatewayHealth.get().isUp();
    }

    @Override
    public void close() {
        ConnectedApis current = apis.get();
        if (current != null) {
            current.close();
        }
    }
}
