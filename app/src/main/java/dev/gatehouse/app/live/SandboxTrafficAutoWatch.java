package dev.gatehouse.app.live;

import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.TrafficSource;
import java.util.Optional;

/**
 * Watches the embedded sandbox's traffic whenever the embedded connection is active and connected: it costs nothing
 * on the sandbox's configuration (it is read in-process), so the user never has to ask. When the console switches
 * away it stops that watch, and only that one (a remote watch the user started is left to its own controls).
 * Runs on the UI executor, where the connection's properties change.
 */
public final class SandboxTrafficAutoWatch {

    private final ActiveConnection connection;
    private final LiveTraffic traffic;
    /** The embedded source this class started watching, until it stops it. */
    private TrafficSource watched;

    public SandboxTrafficAutoWatch(ActiveConnection connection, LiveTraffic traffic) {
        this.connection = connection;
        this.traffic = traffic;
        connection.stateProperty().addListener((obs, old, now) -> follow());
        connection.apisProperty().addListener((obs, old, now) -> follow());
        follow();
    }

    private void follow() {
        ConnectedApis apis = connection.apis();
        Optional<TrafficSource> embedded =
                connection.stateProperty().get() == ActiveConnection.State.CONNECTED && apis != null
                        ? apis.inProcessTraffic()
                        : Optional.empty();
        if (embedded.isPresent()) {
            if (watched != embedded.get()) {
                watched = embedded.get();
                traffic.watch(watched);
            }
        } else if (watched != null) {
            if (traffic.source() == watched) {
                traffic.stop();
            }
            watched = null;
        }
    }
}
