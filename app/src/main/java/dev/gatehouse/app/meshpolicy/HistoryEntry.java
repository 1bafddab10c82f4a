package dev.gatehouse.app.meshpolicy;

import java.time.Instant;

/** One line of the history list: when, what happened to a change, and the sentence shown. */
public record HistoryEntry(Instant at, Kind kind, String description) {

    /** What happened. */
    public enum Kind {
        /** The change was applied. */
        APPLIED,
        /** An undo applied its inverse. */
        UNDONE,
        /** A redo applied it again. */
        REDONE
    }
}
