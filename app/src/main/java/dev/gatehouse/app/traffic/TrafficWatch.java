package dev.gatehouse.app.traffic;

/** A running source: what it set up, in a sentence for the user, and how to stop it (undoing what it added). */
public interface TrafficWatch extends AutoCloseable {

    /** What watching changed or uses, e.g. "Added the http-log plugin 3f2… (global), sending to 127.0.0.1:7301". */
    String summary();

    /** Stops delivering and removes what the watch added; failures are logged, never thrown. */
    @Override
    void close();
}
