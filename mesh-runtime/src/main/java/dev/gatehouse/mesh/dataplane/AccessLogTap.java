package dev.gatehouse.mesh.dataplane;

/**
 * An in-process receiver of a data plane's access-log records (the console watching its own sandbox), independent of
 * MeshAccessLog policies. Both methods are called on the data plane's event loops and must not block: queue the
 * record and return.
 */
public interface AccessLogTap {
    /** Whether records are wanted now; checked once per connection, and while false no record is built at all. */
    boolean active();

    /** One record (a TCP connection, or one HTTP request on an http inbound). */
    void accept(AccessLogEntry entry);
}
