package dev.gatehouse.app.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Start-up progress heard by every listener, also one that joins late: the sandbox may start before the window that
 * shows its progress exists, so a new listener first hears the latest line.
 */
final class ProgressRelay implements Consumer<String> {

    private final List<Consumer<String>> listeners = new ArrayList<>();
    private String latest;
    private boolean finished;

    /** Adds {@code listener}; it hears the latest line at once, if any, and every later one. */
    void join(Consumer<String> listener) {
        String replay;
        synchronized (this) {
            if (finished) {
                return;
            }
            listeners.add(listener);
            replay = latest;
        }
        if (replay != null) {
            listener.accept(replay);
        }
    }

    @Override
    public void accept(String line) {
        List<Consumer<String>> now;
        synchronized (this) {
            latest = line;
            now = List.copyOf(listeners);
        }
        now.forEach(listener -> listener.accept(line));
    }

    /** No more lines will come; listeners are let go. */
    synchronized void finish() {
        finished = true;
        listeners.clear();
    }
}
