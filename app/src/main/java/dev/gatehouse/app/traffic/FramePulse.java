package dev.gatehouse.app.traffic;

/** Calls back once per rendered frame while started: the FX pulse in the app, by hand in tests. */
public interface FramePulse {

    /** A pulse that does nothing; tests call {@link TrafficFeed#pulse()} themselves. */
    FramePulse MANUAL = new FramePulse() {
        @Override
        public void start(Runnable onFrame) {}

        @Override
        public void stop() {}
    };

    /** Starts calling {@code onFrame} on the UI thread every frame; a second start replaces the callback. */
    void start(Runnable onFrame);

    void stop();
}
