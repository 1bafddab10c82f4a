package dev.gatehouse.app.traffic;

/** Hears the feed once per frame at most, on the UI thread, with everything that arrived since. */
@FunctionalInterface
public interface TrafficListener {

    void added(TrafficBatch batch);
}
