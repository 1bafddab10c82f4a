package dev.gatehouse.app.traffic;

/** Where sources deliver events; safe to call from any thread, never blocks. */
public interface TrafficSink {

    /** Takes one event; when the feed cannot keep up it is dropped and counted. */
    void accept(TrafficEvent event);

    /** Events a source lost before they reached the sink (its own queue overflowed); counted as dropped. */
    void lost(long count);
}
