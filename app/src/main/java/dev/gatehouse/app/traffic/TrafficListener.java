package dev.gatehouse.app.traffic;

/** Hears the feed once per frame at most, on the UI thread, with everything that arrived since. */
@FunctionalInterface
public interface TrafficListener {

    void added(TrafficBatch batch);

    /**
     * Called after every pulse of the feed, with or without a batch, and once more with {@code last} true when the
     * watch stops. A listener that shows changes at its own pace (the request log, ten times a second) shows here
     * what it held back; {@code last} means there is no later pulse to wait for.
     */
    default void pulsed(boolean last) {}
}
