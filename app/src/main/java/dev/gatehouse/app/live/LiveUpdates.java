package dev.gatehouse.app.live;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiScheduler;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.connection.EndpointHealth;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.gateway.GatewayWatch;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.MeshWatch;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;

/**
 * Keeps the page in view following the runtimes: the gateway through its change stream where it offers one (a
 * Kubernetes connection's informers, whose breaking and mending also re-check the connection at once, so the pills
 * show an API server lost and found again), otherwise by polling that page every few seconds; the mesh
 * through the control plane's change notifications (a control plane without them, such as a remote Kuma, is polled
 * more slowly instead), and a runtime that answers again at once, so no "connection refused" stays under a green
 * pill. Nothing is polled while the window is hidden or minimised; the page catches up when it is shown again.
 * Runs on the UI executor.
 */
public final class LiveUpdates implements AutoCloseable {

    /** How often the gateway is polled, how often a mesh without notifications is, and how long changes settle. */
    public record Intervals(Duration gatewayPoll, Duration meshPoll, Duration settle) {
        public static final Intervals DEFAULTS =
                new Intervals(Duration.ofSeconds(7), Duration.ofSeconds(15), Duration.ofMillis(100));
    }

    /** The mesh resources pages show; changes to a Mesh itself always come too (mTLS on or off). */
    static final Set<MeshResourceType> WATCHED = Set.of(
            MeshResourceType.DATAPLANE, MeshResourceType.TRAFFIC_PERMISSION, MeshResourceType.MESH_TRAFFIC_PERMISSION);

    private final ActiveConnection connection;
    private final ObservableValue<? extends PageViewModel> visiblePage;
    private final ObservableBooleanValue windowShown;
    private final UiScheduler scheduler;
    private final UiExecutor ui;
    private final Intervals intervals;
    private UiScheduler.Cancellable gatewayPolling;
    private UiScheduler.Cancellable meshPolling;
    private UiScheduler.Cancellable meshSettling;
    private MeshWatch watch;
    private long watchGeneration;
    private GatewayWatch gatewayWatch;
    private long gatewayGeneration;
    /** The gateway's change stream is open and whole: no need to poll it. */
    private boolean gatewayStreamed;

    private UiScheduler.Cancellable gatewaySettling;
    private boolean retryWatch;
    private boolean meshChangedWhileHidden;

    public LiveUpdates(
            ActiveConnection connection,
            ObservableValue<? extends PageViewModel> visiblePage,
            ObservableBooleanValue windowShown,
            UiScheduler scheduler,
            UiExecutor ui,
            Intervals intervals) {
        this.connection = connection;
        this.visiblePage = visiblePage;
        this.windowShown = windowShown;
        this.scheduler = scheduler;
        this.ui = ui;
        this.intervals = intervals;
    }

    /** Starts polling and watching; call once, on the UI executor. */
    public void start() {
        gatewayPolling = scheduler.every(intervals.gatewayPoll(), () -> {
            if (windowShown.get() && connection.gatewayHealthProperty().get().isUp() && !gatewayStreamed) {
                follow(Capability.GATEWAY);
            }
        });
        connection.apisProperty().addListener((obs, old, now) -> rewatch(now));
        connection.gatewayHealthProperty().addListener((obs, old, now) -> {
            if (cameBack(old, now)) {
                follow(Capability.GATEWAY);
            }
        });
        connection.meshHealthProperty().addListener((obs, old, now) -> {
            if (cameBack(old, now)) {
                follow(Capability.MESH);
            }
        });
        windowShown.addListener((obs, was, shown) -> {
            if (shown) {
                follow(Capability.GATEWAY);
                if (meshChangedWhileHidden || meshPolling != null) {
                    meshChangedWhileHidden = false;
                    follow(Capability.MESH);
                }
            }
        });
        rewatch(connection.apis());
    }

    private static boolean cameBack(EndpointHealth old, EndpointHealth now) {
        return old.status() == EndpointHealth.Status.DOWN && now.isUp();
    }

    /** Tells the page in view, if it shows {@code runtime} and the window is shown. */
    private void follow(Capability runtime) {
        PageViewModel page = visiblePage.getValue();
        if (windowShown.get() && page != null && page.page().needs().contains(runtime)) {
            page.follow(runtime);
        }
    }

    /** The connection changed: leave the old control plane's stream, open one on the new one's. */
    private void rewatch(ConnectedApis apis) {
        watchGeneration++;
        if (watch != null) {
            watch.close();
            watch = null;
        }
        cancel(meshPolling);
        meshPolling = null;
        cancel(meshSettling);
        meshSettling = null;
        meshChangedWhileHidden = false;
        closeGatewayWatch();
        if (apis != null) {
            apis.mesh().ifPresent(this::openWatch);
            apis.gateway().ifPresent(this::openGatewayWatch);
        }
    }

    /** Follows the gateway's change stream, if it has one; until it is open (or if it ends) the gateway is polled. */
    private void openGatewayWatch(GatewayRepository gateway) {
        long mine = ++gatewayGeneration;
        // Set from the stream's threads while one of its changes is on its way to the UI thread.
        AtomicBoolean changePending = new AtomicBoolean();
        GatewayWatch.Listener listener = new GatewayWatch.Listener() {
            @Override
            public void changed() {
                if (changePending.compareAndSet(false, true)) {
                    ui.execute(() -> {
                        changePending.set(false);
                        if (mine == gatewayGeneration) {
                            gatewayChanged();
                        }
                    });
                }
            }

            @Override
            public void interrupted(Throwable cause) {
                recheck();
            }

            @Override
            public void resumed() {
                // The health check finds the gateway back, and a page that showed an error follows (cameBack).
                recheck();
            }

            @Override
            public void ended(Throwable cause) {
                ui.execute(() -> {
                    if (mine == gatewayGeneration) {
                        gatewayWatch = null;
                        gatewayStreamed = false;
                    }
                });
            }

            private void recheck() {
                ui.execute(() -> {
                    if (mine == gatewayGeneration) {
                        connection.refresh();
                    }
                });
            }
        };
        try {
            gateway.watch(listener).ifPresent(opened -> {
                gatewayWatch = opened;
                opened.opened()
                        .thenRun(() -> ui.execute(() -> {
                            if (mine == gatewayGeneration) {
                                gatewayStreamed = true;
                            }
                        }));
            });
        } catch (RuntimeException e) {
            // No stream: the gateway is polled, as one without a stream is.
            gatewayWatch = null;
        }
    }

    /** Whether the mesh is followed through an open change stream; for tests. */
    boolean meshStreamed() {
        return watch != null && watch.opened().isDone() && !watch.opened().isCompletedExceptionally();
    }

    /** Whether the gateway is followed through its change stream rather than polled; for tests. */
    boolean gatewayStreamed() {
        return gatewayStreamed;
    }

    /** Objects come in bursts (an Ingress and its KongPlugin); one reload after they settle covers them all. */
    private void gatewayChanged() {
        if (windowShown.get() && gatewaySettling == null) {
            gatewaySettling = scheduler.schedule(intervals.settle(), () -> {
                gatewaySettling = null;
                follow(Capability.GATEWAY);
            });
        }
    }

    private void closeGatewayWatch() {
        gatewayGeneration++;
        if (gatewayWatch != null) {
            gatewayWatch.close();
            gatewayWatch = null;
        }
        gatewayStreamed = false;
        cancel(gatewaySettling);
        gatewaySettling = null;
    }

    private void openWatch(MeshRepository mesh) {
        long mine = ++watchGeneration;
        // Set from the watch's thread while one of its changes is on its way to the UI thread.
        AtomicBoolean changePending = new AtomicBoolean();
        try {
            watch = mesh.watch(
                    WATCHED,
                    MeshRepository.ALL_MESHES,
                    change -> {
                        // A burst of changes reaches the UI thread as one task, not one per change.
                        if (changePending.compareAndSet(false, true)) {
                            ui.execute(() -> {
                                changePending.set(false);
                                if (mine == watchGeneration) {
                                    meshChanged();
                                }
                            });
                        }
                    },
                    failure -> ui.execute(() -> {
                        if (mine == watchGeneration) {
                            watchEnded(mesh, failure);
                        }
                    }));
        } catch (RuntimeException e) {
            watchEnded(mesh, e);
            return;
        }
        watch.opened()
                .thenRun(() -> ui.execute(() -> {
                    if (mine == watchGeneration && meshPolling != null) {
                        // Back to notifications after polling: stop polling, catch up on what was missed meanwhile,
                        // and let the pill say the control plane answers again.
                        cancel(meshPolling);
                        meshPolling = null;
                        meshChanged();
                        connection.refresh();
                    }
                }));
    }

    /** Changes come in bursts (a policy and its insight); one reload after they settle covers them all. */
    private void meshChanged() {
        if (!windowShown.get()) {
            meshChangedWhileHidden = true;
            return;
        }
        if (meshSettling == null) {
            meshSettling = scheduler.schedule(intervals.settle(), () -> {
                meshSettling = null;
                follow(Capability.MESH);
            });
        }
    }

    /**
     * No (more) notifications: poll instead. A control plane that answered without a stream (a Kuma without
     * {@code /watch}) will not offer one later; one that could not be reached or dropped the stream may come back,
     * so each poll tries to open it again.
     */
    private void watchEnded(MeshRepository mesh, Throwable failure) {
        watch = null;
        retryWatch = !(UiTasks.unwrap(failure) instanceof MeshException);
        if (retryWatch) {
            // The stream broke: the control plane may be gone, and the pill should say so now.
            connection.refresh();
        }
        if (meshPolling == null) {
            meshPolling = scheduler.every(intervals.meshPoll(), () -> {
                if (retryWatch && watch == null) {
                    openWatch(mesh);
                }
                if (windowShown.get() && connection.meshHealthProperty().get().isUp()) {
                    follow(Capability.MESH);
                }
            });
        }
    }

    private static void cancel(UiScheduler.Cancellable scheduled) {
        if (scheduled != null) {
            scheduled.cancel();
        }
    }

    @Override
    public void close() {
        cancel(gatewayPolling);
        closeGatewayWatch();
        watchGeneration++;
        if (watch != null) {
            watch.close();
            watch = null;
        }
        cancel(meshPolling);
        cancel(meshSettling);
    }
}
