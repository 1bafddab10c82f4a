package dev.gatehouse.app.traffic;

/** Something that can feed live traffic: the embedded sandbox in-process, a remote Kong, a remote Kuma. */
public interface TrafficSource {

    /**
     * Starts delivering events to {@code sink}. Blocking I/O (adding a plugin, binding a collector) happens here, so
     * call it from a background thread. Throws with a sentence the user can read when it cannot start.
     */
    TrafficWatch start(TrafficSink sink) throws Exception;
}
