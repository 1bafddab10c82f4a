package dev.gatehouse.app.pages.traffic;

import dev.gatehouse.app.traffic.Outcome;

/** The request log's status classes: the graph's outcome colours, plus "every status". */
public enum StatusFilter {
    ALL(null),
    SUCCESS(Outcome.SUCCESS),
    AUTH_DENIED(Outcome.AUTH_DENIED),
    CLIENT_ERROR(Outcome.CLIENT_ERROR),
    SERVER_ERROR(Outcome.SERVER_ERROR),
    MESH_DENIED(Outcome.MESH_DENIED);

    private final Outcome outcome;

    StatusFilter(Outcome outcome) {
        this.outcome = outcome;
    }

    /** True when {@code row} is in this class; a request whose hop the mesh denied is also "mesh-denied". */
    public boolean accepts(TrafficRow row) {
        if (outcome == null) {
            return true;
        }
        if (outcome == Outcome.MESH_DENIED) {
            return row.meshDenied();
        }
        return row.event().outcome() == outcome;
    }
}
