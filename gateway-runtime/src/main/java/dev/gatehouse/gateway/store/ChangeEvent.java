package dev.gatehouse.gateway.store;

import java.util.List;

/** The changes of one commit, delivered after the snapshot that contains them has been published. */
public record ChangeEvent(long version, Snapshot snapshot, List<Change> changes) {}
