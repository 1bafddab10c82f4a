package dev.gatehouse.app.connection;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.kubernetes.portforward.ClusterForward;
import dev.gatehouse.app.kubernetes.portforward.ForwardState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The connection the console works against: its profile, its live clients once connected (the embedded sandbox
 * takes a moment to start), and the last known health of its gateway and mesh. Properties change, and are read,
 * on the UI executor only.
 */
public final class ActiveConnection implements AutoCloseable {

    /** Where the connection stands. */
    public enum State {
        CONNECTING,
        CONNECTED,
        FAILED
    }

    private final ConnectionResolver resolver;
    private final UiExecutor ui;
    private final UiTasks tasks;
    private final ReadOnlyObjectWrapper<ConnectionProfile> profile = new ReadOnlyObjectWrapper<>(this, "profile");
    private final ReadOnlyObjectWrapper<ConnectedApis> apis = new ReadOnlyObjectWrapper<>(this, "apis");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.CONNECTING);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyObjectWrapper<EndpointHealth> gatewayHealth =
            new ReadOnlyObjectWrapper<>(this, "gatewayHealth", EndpointHealth.unknown());
    private final ReadOnlyObjectWrapper<EndpointHealth> meshHealth =
            new ReadOnlyObjectWrapper<>(this, "meshHealth", EndpointHealth.unknown());
    private final ReadOnlyObjectWrapper<List<ForwardState>> forwards =
            new ReadOnlyObjectWrapper<>(this, "forwards", List.of());
    /** Work that must use a connection's clients once more before they close (a watch removing its plugin). */
    private final List<Function<ConnectedApis, CompletableFuture<?>>> leaveHooks = new CopyOnWriteArrayList<>();

    public ActiveConnection(ConnectionProfile initial, ConnectionResolver resolver, UiExecutor ui) {
        this.resolver = resolver;
        this.ui = ui;
        this.tasks = new UiTasks(ui);
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

    /** The states of the connection's port-forwards into its cluster, in opening order; empty but on Kubernetes. */
    public ReadOnlyObjectProperty<List<ForwardState>> forwardsProperty() {
        return forwards.getReadOnlyProperty();
    }

    /** Mirrors {@code connected}'s forwards' states on the UI executor, for as long as it is the connection. */
    private void follow(ConnectedApis connected) {
        List<ClusterForward> all = connected.forwards();
        for (ClusterForward forward : all) {
            forward.subscribe(changed -> ui.execute(() -> {
                if (apis.get() == connected) {
                    forwards.set(all.stream().map(ClusterForward::state).toList());
                }
            }));
        }
    }

    /**
     * Calls {@code hook} on the UI executor with the clients of a connection being left; they are closed once the
     * futures of every hook completed (10 s at most).
     */
    public void beforeLeaving(Function<ConnectedApis, CompletableFuture<?>> hook) {
        leaveHooks.add(hook);
    }

    /** Closes {@code old}'s clients once the leave hooks are done with them. */
    private void leave(ConnectedApis old) {
        CompletableFuture<?>[] pending = leaveHooks.stream()
                .map(hook -> {
                    try {
                        return hook.apply(old);
                    } catch (RuntimeException e) {
                        return CompletableFuture.completedFuture(null);
                    }
                })
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(pending)
                .orTimeout(10, TimeUnit.SECONDS)
                .whenComplete((done, failure) -> old.closeLater());
    }

    /** Connects to the current profile; call once at start-up, on the UI thread. */
    public CompletableFuture<Void> connect() {
        return switchTo(profile.get());
    }

    /**
     * Leaves the current connection and connects to {@code next}; every page refreshes when {@code apis} changes.
     * The future completes once the new connection's health is known, or once a newer switch overtook this one.
     */
    public CompletableFuture<Void> switchTo(ConnectionProfile next) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        ui.execute(() -> {
            ConnectedApis old = apis.get();
            // Answers still on their way (a connect, a health check) belong to the connection being left.
            tasks.dropPending();
            // State before clients: whatever reads the clients while CONNECTED must never find them gone.
            state.set(State.CONNECTING);
            progress.set("");
            profile.set(next);
            apis.set(null);
            forwards.set(List.of());
            gatewayHealth.set(
                    next.isEmbedded() || next.gateway().isPresent()
                            ? EndpointHealth.unknown()
                            : EndpointHealth.absent());
            meshHealth.set(
                    next.isEmbedded() || next.mesh().isPresent() ? EndpointHealth.unknown() : EndpointHealth.absent());
            if (old != null) {
                leave(old);
            }
            AtomicReference<CompletableFuture<Void>> checked =
                    new AtomicReference<>(CompletableFuture.completedFuture(null));
            tasks.run(
                            "connect",
                            () -> resolver.connect(
                                    next,
                                    step -> ui.execute(() -> {
                                        if (profile.get() == next && state.get() == State.CONNECTING) {
                                            progress.set(step);
                                        }
                                    })),
                            connected -> {
                                apis.set(connected);
                                follow(connected);
                                state.set(State.CONNECTED);
                                progress.set("");
                                checked.set(check(connected));
                            },
                            failure -> {
                                state.set(State.FAILED);
                                progress.set(String.valueOf(failure.getMessage()));
                                EndpointHealth down = HealthChecker.health(failure);
                                if (gatewayHealth.get().status() != EndpointHealth.Status.ABSENT) {
                                    gatewayHealth.set(down);
                                }
                                if (meshHealth.get().status() != EndpointHealth.Status.ABSENT) {
                                    meshHealth.set(down);
                                }
                            },
                            ConnectedApis::closeLater)
                    .thenCompose(done -> checked.get())
                    .whenComplete((done, failure) -> settled.complete(null));
        });
        return settled;
    }

    /**
     * Checks both endpoints again; safe to call from any thread (the connection is read on the UI executor). The
     * future completes once the answers are shown.
     */
    public CompletableFuture<Void> refresh() {
        CompletableFuture<Void> refreshed = new CompletableFuture<>();
        ui.execute(() -> {
            ConnectedApis current = apis.get();
            (current == null ? CompletableFuture.<Void>completedFuture(null) : check(current))
                    .whenComplete((done, failure) -> refreshed.complete(null));
        });
        return refreshed;
    }

    /** Asks each repository of {@code current} who answers; call on the UI executor. */
    private CompletableFuture<Void> check(ConnectedApis current) {
        CompletableFuture<Void> gateway = current.gateway()
                .map(repository -> check("gateway-health", gatewayHealth, () -> HealthChecker.gateway(repository)))
                .orElseGet(() -> absent(gatewayHealth));
        CompletableFuture<Void> mesh = current.mesh()
                .map(repository -> check("mesh-health", meshHealth, () -> HealthChecker.mesh(repository)))
                .orElseGet(() -> absent(meshHealth));
        return CompletableFuture.allOf(gateway, mesh);
    }

    /** A connection without this API: say so, rather than "not checked yet" for ever. */
    private static CompletableFuture<Void> absent(ReadOnlyObjectWrapper<EndpointHealth> target) {
        target.set(EndpointHealth.absent());
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> check(
            String purpose,
            ReadOnlyObjectWrapper<EndpointHealth> target,
            Supplier<CompletableFuture<EndpointHealth>> probe) {
        if (target.get().status() == EndpointHealth.Status.UNKNOWN) {
            target.set(EndpointHealth.checking());
        }
        return tasks.run(purpose, probe, target::set, failure -> target.set(HealthChecker.health(failure)));
    }

    /** True when the gateway answered as Kong on the last check. */
    public boolean gatewayUp() {
        return gatewayHealth.get().isUp();
    }

    /**
     * Leaves the connection for good (the console is closing). The clients close in the background: their graceful
     * close waits about 5 s for the I/O reactor, and on the caller's thread (the FX thread at exit) that kept the
     * process, and the sandbox's ports, alive after the window had closed. An immediate close instead interrupts the
     * reactor threads, and with them whatever completion is still running on one.
     */
    @Override
    public void close() {
        // A connect still under way hands its clients to closeLater when it answers.
        tasks.dropPending();
        ConnectedApis current = apis.get();
        if (current != null) {
            current.closeLater();
        }
    }
}
