package dev.gatehouse.app.traffic.remote;

import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.traffic.TrafficSource;

/** A source that works through one connection's clients: leaving that connection stops it, before they close. */
public interface ConnectionBoundSource extends TrafficSource {

    /** The connection whose clients the source uses. */
    ConnectedApis apis();
}
