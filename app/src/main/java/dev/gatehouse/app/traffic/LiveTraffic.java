package dev.gatehouse.app.traffic;

import dev.gatehouse.app.concurrent.BackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one live-traffic feed, shared by the graph and the Live traffic page, and the watch that fills it:
 * at most one source runs at a time. Properties change, and methods are called, on the UI executor; starting and
 * stopping a source (network calls) run in the background.
 */
public final class LiveTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveTraffic.class);

    /** Where watching stands. */
    public enum State {
        /** Nothing watched. */
        IDLE,
        STARTING,
        WATCHING,
        /** The last start failed; {@link #summaryProperty()} says why. */
        FAILED
    }

    private final TrafficFeed feed;
    private final FramePulse pulse;
    private final BackgroundExecutor background;
    private final UiTasks tasks;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private TrafficWatch current;
    /** The source being started or watched; null when idle or failed. */
    private TrafficSource source;

    public LiveTraffic(TrafficFeed feed, FramePulse pulse, BackgroundExecutor background, UiExecutor ui) {
        this.feed = feed;
        this.pulse = pulse;
        this.background = background;
        this.tasks = new UiTasks(ui);
    }

    public TrafficFeed feed() {
        return feed;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** What the running watch set up, or why the last start failed; "" when idle. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The source being started or watched, or null: lets a caller stop only the watch it started. */
    public TrafficSource source() {
        return source;
    }

    /**
     * Stops the current watch and starts {@code source}; the future completes once it watches or failed (the state
     * says which).
     */
    public CompletableFuture<Void> watch(TrafficSource source) {
        TrafficWatch previous = detach();
        this.source = source;
        state.set(State.STARTING);
        summary.set("");
        return tasks.run(
                "watch",
                () -> background.submit(() -> {
                    closeQuietly(previous);
                    return source.start(feed.sink());
                }),
                started -> {
                    current = started;
                    state.set(State.WATCHING);
                    summary.set(started.summary());
                    pulse.start(feed::pulse);
                },
                failure -> {
                    this.source = null;
                    state.set(State.FAILED);
                    summary.set(String.valueOf(failure.getMessage()));
                },
                // a start overtaken by a stop or another start: undo it off the UI thread
                stale -> background.submit(() -> {
                    closeQuietly(stale);
                    return null;
                }));
    }

    /** Stops watching, undoing what the watch added; the future completes once it is undone. */
    public CompletableFuture<Void> stop() {
        TrafficWatch previous = detach();
        state.set(State.IDLE);
        summary.set("");
        if (previous == null) {
            return CompletableFuture.completedFuture(null);
        }
        return background
                .submit(() -> {
                    closeQuietly(previous);
                    return null;
                })
                .thenApply(done -> null);
    }

    /** Forgets the running watch (and any start still on its way), handing the running one back to be closed. */
    private TrafficWatch detach() {
        tasks.dropPending();
        pulse.stop();
        feed.flush(); // what arrived before the stop still reaches the listeners
        TrafficWatch previous = current;
        current = null;
        source = null;
        return previous;
    }

    private static void closeQuietly(TrafficWatch watch) {
        if (watch != null) {
            try {
                watch.close();
            } catch (RuntimeException e) {
                LOG.warn("stopping the traffic watch failed: {}", e.getMessage());
            }
        }
    }

    /** Stops the watch synchronously (the console is closing: leave nothing added behind). */
    @Override
    public void close() {
        TrafficWatch previous = detach();
        closeQuietly(previous);
    }
}
